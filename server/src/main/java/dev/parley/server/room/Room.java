package dev.parley.server.room;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.Store;
import dev.parley.server.persistence.WriteBeingStored;
import dev.parley.server.room.RoomMembers.Member;
import dev.parley.server.serialization.CrossNode;
import dev.parley.server.session.inbox.SessionMessage;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.wire.SharedFrames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.RecoveryFailed;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * One chat room: its members, its history, the next {@code seq} and the topic. Messages and topics
 * are stored before anyone hears of them; the members are not, they come back by joining. It tells
 * every member; it never waits on one.
 */
public final class Room extends EventSourcedBehavior<Room.Command, RoomEvent, RoomState> {

  public sealed interface Command extends CrossNode
      permits Join,
          Leave,
          Kick,
          Post,
          ChangeTopic,
          SetAway,
          GetMembers,
          GetHistory,
          MemberStopped,
          StorePosts,
          TellEvents,
          ExpireHistory,
          Open,
          Wake {}

  /**
   * Joining a room one is already in answers {@link Joined} again, with no replay. {@code login} is
   * the directory's number for the member's login ({@code Directory.Claimed}): of two sessions of
   * one nick, the later login is the one that stays. The replay leaves out the messages of {@code
   * withheldSenders} (canonical nicks, those the member blocks), which do not count against its
   * size.
   */
  public record Join(
      String nick,
      ActorRef<Event> member,
      FrameId re,
      long login,
      Set<String> withheldSenders,
      Long afterSeq)
      implements Command {
    public Join {
      withheldSenders = Set.copyOf(withheldSenders);
    }

    /** A join whose replay is the room's latest messages. */
    public Join(
        String nick, ActorRef<Event> member, FrameId re, long login, Set<String> withheldSenders) {
      this(nick, member, re, login, withheldSenders, null);
    }
  }

  /**
   * The session {@code member} of {@code nick} leaves; if it asked, it is answered {@code left}
   * once the room list counts it out. {@code text}: the words of its {@code quit}, or null.
   */
  public record Leave(
      String nick,
      ActorRef<Event> member,
      DepartureReason reason,
      String text,
      FrameId re,
      boolean asked)
      implements Command {

    /** The member asked to leave: it is answered {@code left}, with {@code re}. */
    public static Leave asked(String nick, ActorRef<Event> member, FrameId re) {
      return new Leave(nick, member, DepartureReason.LEFT, null, re, true);
    }

    /** The member's session ends for {@code reason}: nobody is answered. */
    public static Leave departing(String nick, ActorRef<Event> member, DepartureReason reason) {
      return departing(nick, member, reason, null);
    }

    /** As {@link #departing(String, ActorRef, DepartureReason)}, saying {@code text} as it goes. */
    public static Leave departing(
        String nick, ActorRef<Event> member, DepartureReason reason, String text) {
      return new Leave(nick, member, reason, text, null, false);
    }
  }

  /**
   * The operator {@code by}, a member, takes {@code nick} out of the room, saying {@code text} (or
   * null); {@code replyTo}, the operator's session, is answered {@code ok}.
   */
  public record Kick(String by, String nick, String text, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /**
   * {@code notice} true: the message is a notice; {@code file}: it shares that file, or null when
   * it shares none.
   */
  public record Post(
      String from,
      String text,
      FrameId re,
      ActorRef<Event> replyTo,
      Boolean notice,
      SharedFile file)
      implements Command {

    public Post(String from, String text, FrameId re, ActorRef<Event> replyTo, Boolean notice) {
      this(from, text, re, replyTo, notice, null);
    }

    public Post(String from, String text, FrameId re, ActorRef<Event> replyTo) {
      this(from, text, re, replyTo, null, null);
    }
  }

  public record ChangeTopic(String by, String topic, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /**
   * The member {@code nick}, session {@code member}, is away with {@code away} as its message, or
   * back with none: the others are told. Unanswered, as its directory's answer is the session's.
   */
  public record SetAway(String nick, ActorRef<Event> member, String away) implements Command {}

  public record GetMembers(FrameId re, ActorRef<Event> replyTo) implements Command {}

  /**
   * The room was just created by {@code by} with {@code topic} (null: none), which it stores as its
   * first topic unless it has that one already. Unanswered.
   */
  public record Open(String topic, String by) implements Command {}

  /**
   * Starts the room where it does not run yet (a sharded room starts with the first command it is
   * sent); once it has read what it stored, it reports its summary to the room manager.
   */
  public enum Wake implements Command {
    INSTANCE
  }

  /**
   * At most one of {@code beforeSeq} and {@code afterSeq}; neither: the latest messages. The
   * messages of {@code withheldSenders} (canonical nicks, those the reader blocks) are left out,
   * and do not count against {@code limit}.
   */
  public record GetHistory(
      Long beforeSeq,
      Long afterSeq,
      int limit,
      Set<String> withheldSenders,
      FrameId re,
      ActorRef<Event> replyTo)
      implements Command {
    public GetHistory {
      withheldSenders = Set.copyOf(withheldSenders);
    }
  }

  // a member's session stopped without leaving; its stop is told at once, ahead of what the
  // session sent before it stopped, so it is told once more behind those (behindMailbox)
  private record MemberStopped(String nick, ActorRef<Event> member, boolean behindMailbox)
      implements Command {}

  // the posts that came while the last ones were being stored are stored together
  private enum StorePosts implements Command {
    INSTANCE
  }

  // the joins and departures of the last moments are told together
  private enum TellEvents implements Command {
    INSTANCE
  }

  private enum ExpireHistory implements Command {
    INSTANCE
  }

  /** What the rooms tell a member's session: answers to it, and what happens in its rooms. */
  public sealed interface Event extends SessionMessage, CrossNode
      permits Joined, Answer, Broadcast, MessagesPosted, Kicked {}

  /**
   * The member is in {@code room} now; {@code replay} follows {@code frame}, and after it {@code
   * missed}, when more came after the member's last message than the replay holds.
   */
  public record Joined(
      String roomName,
      ActorRef<Command> room,
      ServerFrame.Joined frame,
      List<ServerFrame.Message> replay,
      Optional<ServerFrame.Gap> missed)
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

  /** Events of the room, the same for all members; never to be dropped. */
  public record Broadcast(SharedFrames frames) implements Event {}

  /** The member is no longer in the room: an operator kicked it out. Never to be dropped. */
  public record Kicked(ServerFrame.Kicked frame) implements Event {}

  /**
   * Messages of the room just stored, in {@code seq} order: one batch, the same for every member. A
   * member's own messages in it answer its says; the others are dropped for a slow reader. {@code
   * frames} is all of them together, for a member that takes them all as they are: one that posted
   * none of them ({@code posters}) and blocks none of {@code senders} (canonical).
   */
  public record MessagesPosted(
      String roomName,
      List<PostedMessage> messages,
      SharedFrames frames,
      Set<ActorRef<Event>> posters,
      Set<String> senders)
      implements Event {
    public MessagesPosted {
      messages = List.copyOf(messages);
      posters = Set.copyOf(posters);
      senders = Set.copyOf(senders);
    }

    /** The batch of {@code messages}, their frames joined once for all members. */
    public MessagesPosted(String roomName, List<PostedMessage> messages) {
      this(
          roomName,
          messages,
          SharedFrames.joined(messages.stream().map(PostedMessage::frame).toList()),
          messages.stream().map(PostedMessage::poster).collect(Collectors.toSet()),
          messages.stream()
              .map(message -> ProtocolRules.canonical(message.from()))
              .collect(Collectors.toSet()));
    }
  }

  /**
   * One message of a {@link MessagesPosted}, its frame without {@code re}: {@code poster} is where
   * the answer to its {@code say} goes, and {@code re} that frame's id.
   */
  public record PostedMessage(
      long seq, String from, SharedFrames frame, ActorRef<Event> poster, FrameId re) {}

  public static Behavior<Command> create(
      RoomSettings settings,
      int snapshotEvery,
      Transcript transcript,
      ServerMetrics metrics,
      String name,
      String topic,
      ActorRef<RoomManager.Command> manager) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    new Room(
                        context,
                        timers,
                        settings,
                        snapshotEvery,
                        transcript,
                        metrics,
                        name,
                        topic,
                        manager)));
  }

  /** Where the room named {@code name}, in any case, stores its events. */
  public static PersistenceId persistenceIdOf(String name) {
    return PersistenceId.of("room", ProtocolRules.canonical(name));
  }

  // long enough for a thousand joins at once to reach each member in a few messages, too short
  // for anyone to notice; anything the room tells a member first tells it what is waiting
  private static final Duration EVENTS_BATCH_DELAY = Duration.ofMillis(10);
  // keeps a stored row small, and what a start reads after the latest snapshot, at most
  // snapshot-every events, to this many times as many messages
  private static final int MOST_POSTS_PER_EVENT = 100;
  private static final Duration LONGEST_EXPIRY_CHECK = Duration.ofHours(1);
  private static final Duration SHORTEST_EXPIRY_CHECK = Duration.ofSeconds(1);

  private record PendingPost(
      Member poster,
      String text,
      FrameId re,
      ActorRef<Event> replyTo,
      Boolean notice,
      SharedFile file) {}

  private final ActorContext<Command> context;
  private final TimerScheduler<Command> timers;
  private final RoomSettings settings;
  private final int snapshotEvery;
  private final Transcript transcript;
  private final ServerMetrics metrics;
  private final String name;
  private final String initialTopic;
  private final ActorRef<RoomManager.Command> manager;
  private final RoomMembers members = new RoomMembers();
  private final List<PendingPost> pending = new ArrayList<>();
  // says sent again while the first of them waits in pending
  private final List<Post> repeats = new ArrayList<>();
  private final HistoryPages historyPages;
  private final WriteBeingStored<RoomState> beingStored;

  private Room(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      RoomSettings settings,
      int snapshotEvery,
      Transcript transcript,
      ServerMetrics metrics,
      String name,
      String topic,
      ActorRef<RoomManager.Command> manager) {
    super(persistenceIdOf(name), Store.RESTART_AFTER_FAILURE);
    this.context = context;
    this.timers = timers;
    this.settings = settings;
    this.snapshotEvery = snapshotEvery;
    this.transcript = transcript;
    this.metrics = metrics;
    this.name = name;
    this.initialTopic = topic;
    this.manager = manager;
    this.historyPages = new HistoryPages(settings, name);
    this.beingStored =
        new WriteBeingStored<>(() -> lastSequenceNumber(context), metrics::storeWrite);
    timers.startTimerWithFixedDelay(ExpireHistory.INSTANCE, expiryCheckInterval(settings));
  }

  @Override
  public RoomState emptyState() {
    return RoomState.empty(name, initialTopic, settings.historySize(), settings.rememberedSayIds());
  }

  @Override
  public CommandHandler<Command, RoomEvent, RoomState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Join.class, this::onJoin)
        .onCommand(Leave.class, this::onLeave)
        .onCommand(Kick.class, this::onKick)
        .onCommand(Post.class, this::onPost)
        .onCommand(StorePosts.class, this::onStorePosts)
        .onCommand(TellEvents.class, this::onTellEvents)
        .onCommand(ChangeTopic.class, this::onChangeTopic)
        .onCommand(SetAway.class, this::onSetAway)
        .onCommand(GetMembers.class, this::onGetMembers)
        .onCommand(GetHistory.class, this::onGetHistory)
        .onCommand(MemberStopped.class, this::onMemberStopped)
        .onCommand(ExpireHistory.class, this::onExpireHistory)
        .onCommand(Open.class, this::onOpen)
        .onCommand(Wake.class, (state, wake) -> Effect().none())
        .build();
  }

  @Override
  public EventHandler<RoomState, RoomEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(RoomState::apply);
  }

  @Override
  public SignalHandler<RoomState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .onSignal(
            RecoveryFailed.class,
            (state, failed) -> {
              // the room tries again; the room list need not wait for it meanwhile
              context
                  .getLog()
                  .error("Room {} could not be read from the store", name, failed.getFailure());
              reportSummary(state);
            })
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SnapshotAdapter<RoomState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(RoomState state) {
        return state.toSnapshot();
      }

      @Override
      public RoomState fromJournal(Object snapshot) {
        return RoomState.fromSnapshot(
            name, settings.historySize(), settings.rememberedSayIds(), (RoomSnapshot) snapshot);
      }
    };
  }

  private void onRecovered(RoomState state) {
    reportSummary(state);
    beingStored.recovered(state);
  }

  private Effect<RoomEvent, RoomState> onJoin(RoomState state, Join join) {
    String key = ProtocolRules.canonical(join.nick());
    Member stale = members.get(key);
    if (stale != null && !stale.session().equals(join.member())) {
      if (stale.login() > join.login()) {
        // a late join of a session that a later login of the nick took over from: the later one
        // stays, and this one, on its way out, is answered as if it joined
        var joined = new ServerFrame.Joined(join.re(), name, state.topic(), members.nicks(), 0);
        join.member()
            .tell(new Joined(name, context.getSelf(), joined, List.of(), Optional.empty()));
        return Effect().none();
      }
      // the nick's former session is ending and has not left yet: this one replaces it
      members.remove(stale);
      context.unwatch(stale.session());
      memberGone(state, stale, DepartureReason.DISCONNECTED, null, null);
    }
    boolean alreadyMember = members.get(key) != null;
    if (alreadyMember) {
      members.tellWaiting();
    }
    List<ServerFrame.Message> replay =
        alreadyMember ? List.of() : historyPages.replayOf(state, join);
    Optional<ServerFrame.Gap> missed =
        alreadyMember ? Optional.empty() : historyPages.missedBeyond(state, join, replay);
    if (!alreadyMember) {
      broadcast(new ServerFrame.MemberJoined(name, join.nick(), now()));
      members.add(new Member(join.nick(), join.member(), join.login(), null));
      context.watchWith(join.member(), new MemberStopped(key, join.member(), false));
      reportSummary(state);
    }
    var joined =
        new ServerFrame.Joined(join.re(), name, state.topic(), members.nicks(), replay.size());
    join.member().tell(new Joined(name, context.getSelf(), joined, replay, missed));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onLeave(RoomState state, Leave leave) {
    Member member = members.get(leave.nick());
    // a former session of the nick may leave after a new one joined: the new one stays
    boolean leaverIsMember = member != null && member.session().equals(leave.member());
    if (leaverIsMember && hasPostsToStore(member)) {
      // the leaver's last posts reach the room before its departure: the store comes first
      context.getSelf().tell(leave);
      return Effect().none();
    }
    // the events before the leave reach the leaver before its left
    members.tellWaiting();
    if (leaverIsMember) {
      members.remove(member);
      context.unwatch(member.session());
      memberGone(state, member, leave.reason(), null, leave.text());
    }
    if (leave.asked()) {
      leave.member().tell(Answer.of(new ServerFrame.Left(leave.re(), name)));
    }
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onKick(RoomState state, Kick kick) {
    Member operator = members.get(kick.by());
    if (operator == null || !operator.session().equals(kick.replyTo())) {
      kick.replyTo().tell(notInRoom(kick.re()));
      return Effect().none();
    }
    Member member = members.get(kick.nick());
    if (member == null) {
      kick.replyTo()
          .tell(
              Answer.error(
                  kick.re(), ErrorCode.NO_SUCH_USER, kick.nick() + " is not in room " + name));
      return Effect().none();
    }
    if (hasPostsToStore(member)) {
      // what the member said before the kick reaches the room first, as before a leave
      context.getSelf().tell(kick);
      return Effect().none();
    }
    // the events before the kick reach the member before its kicked
    members.tellWaiting();
    members.remove(member);
    context.unwatch(member.session());
    memberGone(state, member, DepartureReason.KICKED, operator.nick(), kick.text());
    context.getLog().info("{} kicked {} out of {}", operator.nick(), member.nick(), name);
    member
        .session()
        .tell(new Kicked(new ServerFrame.Kicked(name, operator.nick(), kick.text(), now())));
    kick.replyTo().tell(Answer.of(new ServerFrame.Ok(kick.re())));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onMemberStopped(RoomState state, MemberStopped stopped) {
    Member member = members.get(stopped.nick());
    if (member == null || !member.session().equals(stopped.member())) {
      return Effect().none();
    }
    if (!stopped.behindMailbox()) {
      // the leave a departing session sent, with the reason of its bye, is still to come
      context.getSelf().tell(new MemberStopped(stopped.nick(), stopped.member(), true));
    } else if (hasPostsToStore(member)) {
      context.getSelf().tell(stopped);
    } else {
      members.remove(member);
      memberGone(state, member, DepartureReason.DISCONNECTED, null, null);
    }
    return Effect().none();
  }

  /**
   * Whether {@code member} posted what is still to be stored: the {@link StorePosts} that stores it
   * is already on its way, so a command told to this room again now comes after it.
   */
  private boolean hasPostsToStore(Member member) {
    return member != null && pending.stream().anyMatch(post -> post.poster().equals(member));
  }

  private Effect<RoomEvent, RoomState> onPost(RoomState state, Post post) {
    Member poster = members.get(post.from());
    if (poster == null) {
      post.replyTo().tell(notInRoom(post.re()));
      return Effect().none();
    }
    var stored =
        state.storedSay(poster.nick(), post.re()).filter(kept -> kept.text().equals(post.text()));
    if (stored.isPresent()) {
      // sent again by a client that did not hear the answer: it is the message stored before
      post.replyTo().tell(Answer.of(answering(stored.get(), post.re())));
      return Effect().none();
    }
    if (post.re() != null
        && pending.stream()
            .anyMatch(
                waiting ->
                    waiting.poster().equals(poster)
                        && post.re().equals(waiting.re())
                        && post.text().equals(waiting.text()))) {
      // answered with the first once it is stored
      repeats.add(post);
      return Effect().none();
    }
    if (pending.isEmpty()) {
      context.getSelf().tell(StorePosts.INSTANCE);
    }
    pending.add(
        new PendingPost(
            poster, post.text(), post.re(), post.replyTo(), post.notice(), post.file()));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onStorePosts(RoomState state, StorePosts store) {
    var posts = List.copyOf(pending);
    pending.clear();
    Instant ts = now();
    var messages = new ArrayList<RoomEvent.Posted>(posts.size());
    long seq = state.nextSeq();
    for (PendingPost post : posts) {
      messages.add(
          new RoomEvent.Posted(
              seq++, post.poster().nick(), post.text(), ts, post.notice(), post.file(), post.re()));
    }
    var events = new ArrayList<RoomEvent>();
    for (int from = 0; from < messages.size(); from += MOST_POSTS_PER_EVENT) {
      int to = Math.min(messages.size(), from + MOST_POSTS_PER_EVENT);
      events.add(new RoomEvent.PostedTogether(messages.subList(from, to)));
    }
    return beingStored.persist(
        Effect(),
        events,
        () -> {
          // they come before what was posted since
          pending.addAll(0, posts);
          context.getSelf().tell(StorePosts.INSTANCE);
        },
        stored -> deliver(messages, posts));
  }

  /** Tells every member the stored posts in one batch; a poster no longer here gets its echo. */
  private void deliver(List<RoomEvent.Posted> stored, List<PendingPost> posts) {
    var messages = new ArrayList<PostedMessage>(posts.size());
    for (int i = 0; i < posts.size(); i++) {
      RoomEvent.Posted event = stored.get(i);
      PendingPost post = posts.get(i);
      transcript.message(name, event.from(), event.text(), event.ts());
      var message = event.message(name, null);
      messages.add(
          new PostedMessage(
              event.seq(), event.from(), SharedFrames.of(message), post.replyTo(), post.re()));
    }
    members.tellAll(new MessagesPosted(name, messages));
    metrics.messagesPosted(messages.size(), members.size());
    answerRepeats(stored);
    for (int i = 0; i < posts.size(); i++) {
      PendingPost post = posts.get(i);
      if (!members.isIn(post.poster().nick(), post.replyTo())) {
        RoomEvent.Posted event = stored.get(i);
        post.replyTo().tell(Answer.of(event.message(name, post.re())));
      }
    }
  }

  private void answerRepeats(List<RoomEvent.Posted> stored) {
    repeats.removeIf(
        repeat -> {
          for (RoomEvent.Posted posted : stored) {
            if (repeat.re().equals(posted.id())
                && repeat.text().equals(posted.text())
                && ProtocolRules.canonical(repeat.from())
                    .equals(ProtocolRules.canonical(posted.from()))) {
              repeat.replyTo().tell(Answer.of(posted.message(name, repeat.re())));
              return true;
            }
          }
          return false;
        });
  }

  private static ServerFrame.Message answering(ServerFrame.Message kept, FrameId re) {
    return new ServerFrame.Message(
        re,
        kept.room(),
        kept.seq(),
        kept.from(),
        kept.text(),
        kept.ts(),
        null,
        kept.notice(),
        kept.file());
  }

  private Effect<RoomEvent, RoomState> onOpen(RoomState state, Open open) {
    if (open.topic() == null || open.topic().equals(state.topic())) {
      return Effect().none();
    }
    var set = new RoomEvent.TopicSet(open.topic(), open.by(), now());
    return beingStored.persist(
        Effect(), List.of(set), () -> context.getSelf().tell(open), this::reportSummary);
  }

  private Effect<RoomEvent, RoomState> onChangeTopic(ChangeTopic change) {
    Member setter = members.get(change.by());
    if (setter == null) {
      change.replyTo().tell(notInRoom(change.re()));
      return Effect().none();
    }
    var set = new RoomEvent.TopicSet(change.topic(), setter.nick(), now());
    return beingStored.persist(
        Effect(),
        List.of(set),
        () -> context.getSelf().tell(change),
        state -> {
          // the room list shows the topic before the setter hears of it: it never sees the old
          reportSummary(state);
          members.tellAllBut(
              setter, new ServerFrame.Topic(null, name, set.topic(), set.by(), set.ts()));
          change
              .replyTo()
              .tell(
                  Answer.of(
                      new ServerFrame.Topic(change.re(), name, set.topic(), set.by(), set.ts())));
        });
  }

  private Effect<RoomEvent, RoomState> onSetAway(SetAway set) {
    Member member = members.get(set.nick());
    if (member == null
        || !member.session().equals(set.member())
        || Objects.equals(member.away(), set.away())) {
      return Effect().none();
    }
    members.update(member.withAway(set.away()));
    members.tellAllBut(member, new ServerFrame.MemberAway(name, member.nick(), set.away(), now()));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onGetMembers(GetMembers request) {
    members.tellWaiting();
    request
        .replyTo()
        .tell(
            Answer.of(
                new ServerFrame.Members(request.re(), name, members.nicks(), members.awayNicks())));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onGetHistory(RoomState state, GetHistory request) {
    List<ServerFrame.Message> page = historyPages.pageOf(state, request);
    var frames = new ArrayList<ServerFrame>(page.size() + 1);
    frames.addAll(page);
    frames.add(new ServerFrame.HistoryEnd(request.re(), name, page.size()));
    members.tellWaiting();
    request.replyTo().tell(new Answer(frames));
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onTellEvents(TellEvents tell) {
    members.tellWaiting();
    return Effect().none();
  }

  private Effect<RoomEvent, RoomState> onExpireHistory(RoomState state, ExpireHistory expire) {
    OptionalLong expired =
        state.history().lastSeqBefore(Instant.now().minus(settings.historyMaxAge()));
    if (expired.isEmpty()) {
      return Effect().none();
    }
    return Effect().persist(new RoomEvent.HistoryExpired(expired.getAsLong()));
  }

  // by: the operator who kicked the member out; text: the kick's reason or the quit's words
  private void memberGone(
      RoomState state, Member member, DepartureReason reason, String by, String text) {
    broadcast(new ServerFrame.MemberLeft(name, member.nick(), reason, by, text, now()));
    reportSummary(state);
  }

  /** Tells the members {@code event} soon, with the others that come meanwhile. */
  private void broadcast(ServerFrame event) {
    if (members.tellSoon(event)) {
      timers.startSingleTimer(TellEvents.INSTANCE, EVENTS_BATCH_DELAY);
    }
  }

  private void reportSummary(RoomState state) {
    manager.tell(
        new RoomManager.RoomChanged(
            ProtocolRules.canonical(name),
            new ServerFrame.RoomSummary(name, members.size(), state.topic())));
  }

  private static Duration expiryCheckInterval(RoomSettings settings) {
    Duration tenth = settings.historyMaxAge().dividedBy(10);
    if (tenth.compareTo(SHORTEST_EXPIRY_CHECK) < 0) {
      return SHORTEST_EXPIRY_CHECK;
    }
    return tenth.compareTo(LONGEST_EXPIRY_CHECK) > 0 ? LONGEST_EXPIRY_CHECK : tenth;
  }

  private Answer notInRoom(FrameId re) {
    return Answer.error(re, ErrorCode.NOT_IN_ROOM, "you are not in room " + name);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
