package dev.parley.server.room;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/** Finds the room for a name, creates rooms, and lists them. Room names are case-insensitive. */
public final class RoomManager extends AbstractBehavior<RoomManager.Command> {

  public sealed interface Command permits Create, Join, Who, ListRooms, RoomChanged {}

  /** Creates the room and joins {@code nick} to it; a refusal comes back as {@link Room.Answer}. */
  public record Create(
      String room, String topic, String nick, ActorRef<Room.Event> member, FrameId re)
      implements Command {}

  public record Join(String room, String nick, ActorRef<Room.Event> member, FrameId re)
      implements Command {}

  public record Who(String room, FrameId re, ActorRef<Room.Event> replyTo) implements Command {}

  public record ListRooms(FrameId re, ActorRef<Room.Event> replyTo) implements Command {}

  /** A room reports who is in it and its topic, so that listing rooms asks none of them. */
  public record RoomChanged(String key, ServerFrame.RoomSummary summary) implements Command {}

  public static Behavior<Command> create(
      RoomSettings settings, FrameCodec codec, Transcript transcript) {
    return Behaviors.setup(context -> new RoomManager(context, settings, codec, transcript));
  }

  private record Entry(ActorRef<Room.Command> room, ServerFrame.RoomSummary summary) {}

  private final RoomSettings settings;
  private final FrameCodec codec;
  private final Transcript transcript;
  private final Map<String, Entry> rooms = new HashMap<>();

  private RoomManager(
      ActorContext<Command> context,
      RoomSettings settings,
      FrameCodec codec,
      Transcript transcript) {
    super(context);
    this.settings = settings;
    this.codec = codec;
    this.transcript = transcript;
    settings.autoJoin().forEach(name -> spawnRoom(name, null));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Create.class, this::onCreate)
        .onMessage(Join.class, this::onJoin)
        .onMessage(Who.class, this::onWho)
        .onMessage(ListRooms.class, this::onListRooms)
        .onMessage(RoomChanged.class, this::onRoomChanged)
        .build();
  }

  private Behavior<Command> onCreate(Create create) {
    Entry existing = rooms.get(ProtocolRules.canonical(create.room()));
    if (existing != null) {
      create
          .member()
          .tell(
              Room.Answer.error(
                  create.re(),
                  ErrorCode.ROOM_EXISTS,
                  "room " + existing.summary().room() + " exists; join it"));
    } else if (rooms.size() >= settings.maxRooms()) {
      getContext()
          .getLog()
          .warn(
              "Refused to create room {}: the server holds {} rooms, its limit",
              create.room(),
              rooms.size());
      create
          .member()
          .tell(
              Room.Answer.error(
                  create.re(), ErrorCode.ROOM_LIMIT, "the server holds as many rooms as it may"));
    } else {
      ActorRef<Room.Command> room = spawnRoom(create.room(), create.topic());
      getContext().getLog().info("Room {} created by {}", create.room(), create.nick());
      room.tell(new Room.Join(create.nick(), create.member(), create.re()));
    }
    return this;
  }

  private Behavior<Command> onJoin(Join join) {
    Entry entry = rooms.get(ProtocolRules.canonical(join.room()));
    if (entry == null) {
      join.member().tell(noSuchRoom(join.room(), join.re()));
    } else {
      entry.room().tell(new Room.Join(join.nick(), join.member(), join.re()));
    }
    return this;
  }

  private Behavior<Command> onWho(Who who) {
    Entry entry = rooms.get(ProtocolRules.canonical(who.room()));
    if (entry == null) {
      who.replyTo().tell(noSuchRoom(who.room(), who.re()));
    } else {
      entry.room().tell(new Room.GetMembers(who.re(), who.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onListRooms(ListRooms list) {
    var summaries =
        rooms.values().stream()
            .map(Entry::summary)
            .sorted(Comparator.comparing(summary -> ProtocolRules.canonical(summary.room())))
            .toList();
    list.replyTo().tell(Room.Answer.of(new ServerFrame.RoomList(list.re(), summaries)));
    return this;
  }

  private Behavior<Command> onRoomChanged(RoomChanged changed) {
    rooms.computeIfPresent(
        changed.key(), (key, entry) -> new Entry(entry.room(), changed.summary()));
    return this;
  }

  private ActorRef<Room.Command> spawnRoom(String name, String topic) {
    ActorRef<Room.Command> room =
        getContext()
            .spawn(
                Behaviors.supervise(
                        Room.create(
                            settings, codec, transcript, name, topic, getContext().getSelf()))
                    .onFailure(SupervisorStrategy.resume()),
                "room-" + ProtocolRules.canonical(name));
    rooms.put(
        ProtocolRules.canonical(name),
        new Entry(room, new ServerFrame.RoomSummary(name, 0, topic)));
    return room;
  }

  private static Room.Answer noSuchRoom(String room, FrameId re) {
    return Room.Answer.error(re, ErrorCode.NO_SUCH_ROOM, "no room " + room + "; create it");
  }
}
