package dev.parley.server.room;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.util.ByteString;

/**
 * One chat room: its members, its history, the next {@code seq} and the topic. It tells every
 * member; it never waits on one.
 */
public final class Room extends AbstractBehavior<Room.Command> {

  public sealed interface Command
      permits Join, Leave, Post, ChangeTopic, GetMembers, GetHistory, MemberStopped {}

  /** Joining a room one is already in answers {@link Joined} again, with no replay. */
  public record Join(String nick, ActorRef<Event> member, FrameId re) implements Command {}

  /** With {@code replyTo}, answered {@code left} once the room list counts the member out. */
  public record Leave(String nick, DepartureReason reason, FrameId re, ActorRef<Event> replyTo)
      implements Command {
    public Leave(String nick, DepartureReason reason) {
      this(nick, reason, null, null);
    }
  }

  public record Post(String from, String text, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  public record ChangeTopic(String by, String topic, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  public record GetMembers(FrameId re, ActorRef<Event> replyTo) implements Command {}

  /** At most one of {@code beforeSeq} and {@code afterSeq}; neither: the latest messages. */
  public record GetHistory(
      Long beforeSeq, Long afterSeq, int limit, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  // a member's session stopped without leaving
  private record MemberStopped(String nick, ActorRef<Event> member) implements Command {}

  /** What the rooms tell a member's session: answers to it, and what happens in its rooms. */
  public sealed interface Event permits Joined, Answer, Broadcast, MessagePosted {}

  /** The member is in {@code room} now; {@code replay} follows {@code frame}. */
  public record Joined(
      String roomName,
      ActorRef<Command> room,
      ServerFrame.Joined frame,
      List<ServerFrame.Message> replay)
      implements Event {
    public Joined {
      replay = List.copyOf(replay);
    }
  }

  /** The answer to one request of this member, frames in order; never to be dropped. */
  public record Answer(List<ServerFrame> frames) implements Event {
    public Answer {
      frames = List.copyOf(frames);
    }

    public static Answer of(ServerFrame frame) {
      return new Answer(List.of(frame));
    }

    public static Answer error(FrameId re, ErrorCode code, String message) {
      return of(new ServerFrame.Error(re, code, message, null));
    }
  }

  /** An event of the room, encoded once for all members; never to be dropped. */
  public record Broadcast(ByteString frame) implements Event {}

  /** A message posted in the room, encoded once for all members; dropped for a slow reader. */
  public record MessagePosted(String roomName, long seq, String from, ByteString frame)
      implements Event {}

  public static Behavior<Command> create(
      RoomSettings settings,
      FrameCodec codec,
      Transcript transcript,
      String name,
      String topic,
      ActorRef<RoomManager.Command> manager) {
    return Behaviors.setup(
        context -> new Room(context, settings, codec, transcript, name, topic, manager));
  }

  private record Member(String nick, ActorRef<Event> session) {}

  private final RoomSettings settings;
  private final FrameCodec codec;
  private final Transcript transcript;
  private final String name;
  private final ActorRef<RoomManager.Command> manager;
  private final Map<String, Member> members = new LinkedHashMap<>();
  private final History history;
  private String topic;
  private long nextSeq = 1;

  private Room(
      ActorContext<Command> context,
      RoomSettings settings,
      FrameCodec codec,
      Transcript transcript,
      String name,
      String topic,
      ActorRef<RoomManager.Command> manager) {
    super(context);
    this.settings = settings;
    this.codec = codec;
    this.transcript = transcript;
    this.name = name;
    this.topic = topic;
    this.manager = manager;
    this.history = new History(settings.historySize());
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Join.class, this::onJoin)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Post.class, this::onPost)
        .onMessage(ChangeTopic.class, this::onChangeTopic)
        .onMessage(GetMembers.class, this::onGetMembers)
        .onMessage(GetHistory.class, this::onGetHistory)
        .onMessage(MemberStopped.class, this::onMemberStopped)
        .build();
  }

  private Behavior<Command> onJoin(Join join) {
    String key = ProtocolRules.canonical(join.nick());
    Member stale = members.get(key);
    if (stale != null && !stale.session().equals(join.member())) {
      // the nick's former session is ending and has not left yet: this one replaces it
      members.remove(key);
      getContext().unwatch(stale.session());
      memberGone(stale, DepartureReason.DISCONNECTED);
    }
    boolean alreadyMember = members.containsKey(key);
    List<ServerFrame.Message> replay =
        alreadyMember
            ? List.of()
            : history.latest(settings.replaySize()).stream()
                .map(message -> replayed(message, join.re()))
                .toList();
    if (!alreadyMember) {
      broadcast(new ServerFrame.MemberJoined(name, join.nick(), now()));
      members.put(key, new Member(join.nick(), join.member()));
      getContext().watchWith(join.member(), new MemberStopped(key, join.member()));
      reportSummary();
    }
    var joined = new ServerFrame.Joined(join.re(), name, topic, memberNicks(), replay.size());
    join.member().tell(new Joined(name, getContext().getSelf(), joined, replay));
    return this;
  }

  private Behavior<Command> onLeave(Leave leave) {
    Member member = members.remove(ProtocolRules.canonical(leave.nick()));
    if (member != null) {
      getContext().unwatch(member.session());
      memberGone(member, leave.reason());
    }
    if (leave.replyTo() != null) {
      leave.replyTo().tell(Answer.of(new ServerFrame.Left(leave.re(), name)));
    }
    return this;
  }

  private Behavior<Command> onMemberStopped(MemberStopped stopped) {
    Member member = members.get(stopped.nick());
    if (member != null && member.session().equals(stopped.member())) {
      members.remove(stopped.nick());
      memberGone(member, DepartureReason.DISCONNECTED);
    }
    return this;
  }

  private Behavior<Command> onPost(Post post) {
    Member poster = members.get(ProtocolRules.canonical(post.from()));
    if (poster == null) {
      post.replyTo().tell(notInRoom(post.re()));
      return this;
    }
    var message =
        new ServerFrame.Message(null, name, nextSeq++, poster.nick(), post.text(), now(), null);
    history.add(message);
    transcript.message(name, message.from(), message.text(), message.ts());
    var posted =
        new MessagePosted(
            name, message.seq(), message.from(), ByteString.fromArrayUnsafe(codec.encode(message)));
    for (Member member : members.values()) {
      if (member != poster) {
        member.session().tell(posted);
      }
    }
    post.replyTo().tell(Answer.of(answering(message, post.re(), null)));
    return this;
  }

  private Behavior<Command> onChangeTopic(ChangeTopic change) {
    Member setter = members.get(ProtocolRules.canonical(change.by()));
    if (setter == null) {
      change.replyTo().tell(notInRoom(change.re()));
      return this;
    }
    topic = change.topic();
    // the room list shows the topic before the setter hears of it, so it never sees the old one
    reportSummary();
    var event = new ServerFrame.Topic(null, name, topic, setter.nick(), now());
    var encoded = new Broadcast(ByteString.fromArrayUnsafe(codec.encode(event)));
    for (Member member : members.values()) {
      if (member != setter) {
        member.session().tell(encoded);
      }
    }
    change
        .replyTo()
        .tell(
            Answer.of(new ServerFrame.Topic(change.re(), name, topic, setter.nick(), event.ts())));
    return this;
  }

  private Behavior<Command> onGetMembers(GetMembers request) {
    request.replyTo().tell(Answer.of(new ServerFrame.Members(request.re(), name, memberNicks())));
    return this;
  }

  private Behavior<Command> onGetHistory(GetHistory request) {
    List<ServerFrame.Message> page;
    if (request.beforeSeq() != null) {
      page = history.before(request.beforeSeq(), request.limit());
    } else if (request.afterSeq() != null) {
      page = history.after(request.afterSeq(), request.limit());
    } else {
      page = history.latest(request.limit());
    }
    var frames = new ArrayList<ServerFrame>(page.size() + 1);
    page.forEach(message -> frames.add(replayed(message, request.re())));
    frames.add(new ServerFrame.HistoryEnd(request.re(), name, page.size()));
    request.replyTo().tell(new Answer(frames));
    return this;
  }

  private void memberGone(Member member, DepartureReason reason) {
    broadcast(new ServerFrame.MemberLeft(name, member.nick(), reason, now()));
    reportSummary();
  }

  private void broadcast(ServerFrame event) {
    if (members.isEmpty()) {
      return;
    }
    var encoded = new Broadcast(ByteString.fromArrayUnsafe(codec.encode(event)));
    members.values().forEach(member -> member.session().tell(encoded));
  }

  private void reportSummary() {
    manager.tell(
        new RoomManager.RoomChanged(
            ProtocolRules.canonical(name),
            new ServerFrame.RoomSummary(name, members.size(), topic)));
  }

  private List<String> memberNicks() {
    return members.values().stream().map(Member::nick).toList();
  }

  private Answer notInRoom(FrameId re) {
    return Answer.error(re, ErrorCode.NOT_IN_ROOM, "you are not in room " + name);
  }

  /** The message as sent again from the history, answering {@code re}. */
  private static ServerFrame.Message replayed(ServerFrame.Message message, FrameId re) {
    return answering(message, re, true);
  }

  private static ServerFrame.Message answering(
      ServerFrame.Message message, FrameId re, Boolean replay) {
    return new ServerFrame.Message(
        re, message.room(), message.seq(), message.from(), message.text(), message.ts(), replay);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
