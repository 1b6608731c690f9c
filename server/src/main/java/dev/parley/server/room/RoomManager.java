package dev.parley.server.room;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.Store;
import dev.parley.server.persistence.WriteBeingStored;
import dev.parley.server.quota.AddressQuota;
import dev.parley.server.serialization.CrossNode;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Finds the room for a name, creates rooms, and lists them. Room names are case-insensitive. The
 * rooms people created are stored, and started again with the server.
 */
public final class RoomManager
    extends EventSourcedBehavior<RoomManager.Command, RoomListEvent, RoomList> {

  public sealed interface Command extends CrossNode
      permits Create, Join, Who, ListRooms, RoomChanged {}

  /**
   * Creates the room and joins {@code nick}, connected from {@code address}, to it; a refusal comes
   * back as {@link Room.Answer}. {@code login} and {@code withheldSenders} are those of {@link
   * Room.Join}.
   */
  public record Create(
      String room,
      String topic,
      String nick,
      String address,
      ActorRef<Room.Event> member,
      FrameId re,
      long login,
      Set<String> withheldSenders)
      implements Command {}

  /**
   * Joins {@code nick} to the room; {@code login} and {@code withheldSenders} are those of {@link
   * Room.Join}.
   */
  public record Join(
      String room,
      String nick,
      ActorRef<Room.Event> member,
      FrameId re,
      long login,
      Set<String> withheldSenders,
      Long afterSeq)
      implements Command {}

  public record Who(String room, FrameId re, ActorRef<Room.Event> replyTo) implements Command {}

  /**
   * Lists the rooms after {@code after} (a room name; null from the first), up to {@code limit} and
   * {@code maxBytes} of their summaries, at least one.
   */
  public record ListRooms(
      String after, int limit, int maxBytes, FrameId re, ActorRef<Room.Event> replyTo)
      implements Command {}

  /** A room reports who is in it and its topic, so that listing rooms asks none of them. */
  public record RoomChanged(String key, ServerFrame.RoomSummary summary) implements Command {}

  /** A room manager whose rooms are its children. */
  public static Behavior<Command> create(
      RoomSettings settings, int snapshotEvery, Transcript transcript, ServerMetrics metrics) {
    return create(
        settings,
        snapshotEvery,
        metrics,
        RoomHosting.children(settings, snapshotEvery, transcript, metrics));
  }

  /** A room manager whose rooms run where {@code hosting} starts them. */
  public static Behavior<Command> create(
      RoomSettings settings, int snapshotEvery, ServerMetrics metrics, RoomHosting hosting) {
    return Behaviors.setup(
        context -> new RoomManager(context, settings, snapshotEvery, metrics, hosting));
  }

  private static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("rooms");

  private record Entry(RecipientRef<Room.Command> room, ServerFrame.RoomSummary summary) {}

  private final ActorContext<Command> context;
  private final RoomSettings settings;
  private final AddressQuota creates;
  private final int snapshotEvery;
  private final ServerMetrics metrics;
  private final RoomHosting hosting;
  private final Map<String, Entry> rooms = new HashMap<>();
  // rooms started with the server that have not yet read their topic from the store
  private final Set<String> starting = new HashSet<>();
  private final WriteBeingStored<RoomList> beingStored;

  private RoomManager(
      ActorContext<Command> context,
      RoomSettings settings,
      int snapshotEvery,
      ServerMetrics metrics,
      RoomHosting hosting) {
    super(PERSISTENCE_ID, Store.RESTART_AFTER_FAILURE);
    this.context = context;
    this.settings = settings;
    this.creates = new AddressQuota(settings.createsPerAddress(), settings.createWindow());
    this.snapshotEvery = snapshotEvery;
    this.metrics = metrics;
    this.hosting = hosting;
    this.beingStored =
        new WriteBeingStored<>(() -> lastSequenceNumber(context), metrics::storeWrite);
  }

  @Override
  public RoomList emptyState() {
    return RoomList.empty();
  }

  @Override
  public CommandHandler<Command, RoomListEvent, RoomList> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Create.class, this::onCreate)
        .onCommand(Join.class, this::onJoin)
        .onCommand(Who.class, this::onWho)
        .onCommand(ListRooms.class, this::onListRooms)
        .onCommand(RoomChanged.class, this::onRoomChanged)
        .build();
  }

  @Override
  public EventHandler<RoomList, RoomListEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(RoomList::apply);
  }

  @Override
  public SignalHandler<RoomList> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), this::onRecovered)
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SnapshotAdapter<RoomList> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(RoomList list) {
        return list.toSnapshot();
      }

      @Override
      public RoomList fromJournal(Object snapshot) {
        return RoomList.fromSnapshot((RoomListSnapshot) snapshot);
      }
    };
  }

  private void onRecovered(RoomList list) {
    // read again after a failed write, the rooms run on
    boolean noRoomRuns = rooms.isEmpty();
    // before the rooms start: a room that a failed write stored all the same starts as created
    beingStored.recovered(list);
    if (noRoomRuns) {
      startRooms(list);
    }
  }

  private void startRooms(RoomList list) {
    // a created room that became an auto-join room keeps the topic it was created with
    list.rooms().forEach(opened -> startRoom(opened.name(), opened.topic()));
    settings.autoJoin().forEach(name -> startRoom(name, null));
    if (!list.rooms().isEmpty()) {
      context.getLog().info("Started {} rooms created before", list.rooms().size());
    }
  }

  private void startRoom(String name, String topic) {
    String key = ProtocolRules.canonical(name);
    if (!rooms.containsKey(key)) {
      hostRoom(name, topic);
      starting.add(key);
    }
  }

  private Effect<RoomListEvent, RoomList> onCreate(Create create) {
    Entry existing = rooms.get(ProtocolRules.canonical(create.room()));
    if (existing != null) {
      create
          .member()
          .tell(
              Room.Answer.error(
                  create.re(),
                  ErrorCode.ROOM_EXISTS,
                  "room " + existing.summary().room() + " exists; join it"));
      return Effect().none();
    }
    if (rooms.size() >= settings.maxRooms()) {
      context
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
      return Effect().none();
    }
    if (!creates.tryTake(create.address(), Instant.now())) {
      create
          .member()
          .tell(
              Room.Answer.error(
                  create.re(),
                  ErrorCode.ROOM_LIMIT,
                  "as many rooms as may be were created from your address lately; try again in "
                      + creates.minutesToWait(create.address(), Instant.now())
                      + " min"));
      return Effect().none();
    }
    var opened =
        new RoomListEvent.Opened(
            create.room(), create.topic(), Instant.now().truncatedTo(ChronoUnit.MILLIS));
    return beingStored.persist(
        Effect(),
        List.of(opened),
        () -> context.getSelf().tell(create),
        list -> {
          RecipientRef<Room.Command> room = hostRoom(create.room(), create.topic());
          context.getLog().info("Room {} created by {}", create.room(), create.nick());
          room.tell(new Room.Open(create.topic(), create.nick()));
          room.tell(
              new Room.Join(
                  create.nick(),
                  create.member(),
                  create.re(),
                  create.login(),
                  create.withheldSenders()));
        });
  }

  private Effect<RoomListEvent, RoomList> onJoin(Join join) {
    Entry entry = rooms.get(ProtocolRules.canonical(join.room()));
    if (entry == null) {
      join.member().tell(noSuchRoom(join.room(), join.re()));
    } else {
      entry
          .room()
          .tell(
              new Room.Join(
                  join.nick(),
                  join.member(),
                  join.re(),
                  join.login(),
                  join.withheldSenders(),
                  join.afterSeq()));
    }
    return Effect().none();
  }

  private Effect<RoomListEvent, RoomList> onWho(Who who) {
    Entry entry = rooms.get(ProtocolRules.canonical(who.room()));
    if (entry == null) {
      who.replyTo().tell(noSuchRoom(who.room(), who.re()));
    } else {
      entry.room().tell(new Room.GetMembers(who.re(), who.replyTo()));
    }
    return Effect().none();
  }

  private Effect<RoomListEvent, RoomList> onListRooms(ListRooms list) {
    if (!starting.isEmpty()) {
      // a room that has not read its topic yet would be listed with its first one
      return Effect().stash();
    }
    String after = list.after() == null ? null : ProtocolRules.canonical(list.after());
    var sorted =
        rooms.values().stream()
            .map(Entry::summary)
            .filter(
                summary ->
                    after == null || ProtocolRules.canonical(summary.room()).compareTo(after) > 0)
            .sorted(Comparator.comparing(summary -> ProtocolRules.canonical(summary.room())))
            .toList();
    var page = new ArrayList<ServerFrame.RoomSummary>();
    long bytes = 0;
    for (ServerFrame.RoomSummary summary : sorted) {
      // what a summary weighs on the wire, near enough: its name, topic and the JSON around them
      bytes +=
          summary.room().length()
              + (summary.topic() == null
                  ? 0
                  : summary.topic().getBytes(StandardCharsets.UTF_8).length)
              + 48;
      if (page.size() == list.limit() || (!page.isEmpty() && bytes > list.maxBytes())) {
        break;
      }
      page.add(summary);
    }
    String next = page.size() < sorted.size() ? page.get(page.size() - 1).room() : null;
    list.replyTo().tell(Room.Answer.of(new ServerFrame.RoomList(list.re(), page, next)));
    return Effect().none();
  }

  private Effect<RoomListEvent, RoomList> onRoomChanged(RoomChanged changed) {
    rooms.computeIfPresent(
        changed.key(), (key, entry) -> new Entry(entry.room(), changed.summary()));
    if (starting.remove(changed.key()) && starting.isEmpty()) {
      return Effect().unstashAll();
    }
    return Effect().none();
  }

  private RecipientRef<Room.Command> hostRoom(String name, String topic) {
    RecipientRef<Room.Command> room = hosting.start(context, name, topic);
    rooms.put(
        ProtocolRules.canonical(name),
        new Entry(room, new ServerFrame.RoomSummary(name, 0, topic)));
    metrics.roomsHeld(rooms.size());
    return room;
  }

  private static Room.Answer noSuchRoom(String room, FrameId re) {
    return Room.Answer.error(re, ErrorCode.NO_SUCH_ROOM, "no room " + room + "; create it");
  }
}
