package dev.parley.server.serialization;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DeclineReason;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.PeerRole;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.session.ConnectionInfo;
import dev.parley.server.session.Connections;
import dev.parley.server.wire.SharedFrames;
import dev.parley.server.wire.WireFormat;
import java.io.NotSerializableException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.serialization.BooleanSerializer;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializationExtension;
import org.apache.pekko.serialization.Serializer;
import org.apache.pekko.serialization.Serializers;
import org.apache.pekko.serialization.jackson.JacksonCborSerializer;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What the rooms, the room manager, the directory and the sessions tell one another may cross
 * nodes: each such message reads back through Pekko's Jackson CBOR serializer as the same value.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class CrossNodeSerializationTest {

  @JUnit5TestKit
  public ActorTestKit testKit =
      new JUnit5TestKitBuilder().withCustomConfig(ConfigFactory.load("cross-node-test")).build();

  private static final Instant TS = Instant.parse("2026-11-22T14:05:30.123456789Z");
  private static final FrameId TEXT_ID = FrameId.of("a-1");
  private static final FrameId NUMBER_ID = FrameId.of(7);
  private static final SharedFile FILE =
      new SharedFile(
          "f1", "notes.txt", 1234, "text/plain", "ab12", "https://x/f1", TS.plusSeconds(60), null);

  private final FrameCodec codec = new FrameCodec();
  private final ActorRef<Room.Event> member = testKit.<Room.Event>createTestProbe().ref();
  private final ActorRef<Connections.ConnectionList> connectionsProbe =
      testKit.<Connections.ConnectionList>createTestProbe().ref();
  private final ActorRef<Room.Event> other = testKit.<Room.Event>createTestProbe().ref();
  private final ActorRef<Room.Command> room = testKit.<Room.Command>createTestProbe().ref();
  private final ActorRef<Directory.Event> session =
      testKit.<Directory.Event>createTestProbe().ref();
  private final ActorRef<Directory.Sharer> sharer =
      testKit.<Directory.Sharer>createTestProbe().ref();
  private final ActorRef<Directory.PeerFound> peerFound =
      testKit.<Directory.PeerFound>createTestProbe().ref();
  private final ActorRef<Boolean> kicked = testKit.<Boolean>createTestProbe().ref();

  private Serialization serialization() {
    return SerializationExtension.get(testKit.system().classicSystem());
  }

  /** One frame of every type, each of its fields set, as a room or the directory would tell it. */
  private static List<ServerFrame> everyFrame() {
    var payload = JsonNodeFactory.instance.objectNode().put("sdp", "v=0").put("candidates", 3);
    return List.of(
        new ServerFrame.Welcome(TEXT_ID, "Alice", 1, "parley", "be nice"),
        new ServerFrame.Joined(NUMBER_ID, "lobby", "Weekly sync", List.of("Alice", "Bob"), 2),
        new ServerFrame.MemberJoined("lobby", "Bob", TS),
        new ServerFrame.MemberLeft("lobby", "Bob", DepartureReason.KICKED, "Alice", "spam", TS),
        new ServerFrame.MemberAway("lobby", "Bob", "lunch", TS),
        new ServerFrame.Kicked("lobby", "Alice", "spam", TS),
        message(42, TEXT_ID),
        direct(),
        new ServerFrame.Topic(TEXT_ID, "lobby", "Weekly sync", "Alice", TS),
        new ServerFrame.Notice("the server restarts at noon", TS),
        new ServerFrame.Gap("lobby", 3, 9),
        new ServerFrame.Error(NUMBER_ID, ErrorCode.SERVER_BUSY, "try again", 5L),
        new ServerFrame.Ok(TEXT_ID),
        new ServerFrame.Pong(NUMBER_ID),
        new ServerFrame.Left(TEXT_ID, "lobby"),
        new ServerFrame.Members(TEXT_ID, "lobby", List.of("Alice", "Bob"), List.of("Bob")),
        new ServerFrame.Users(
            TEXT_ID,
            List.of(
                new ServerFrame.UserPresence("Alice", true, null, "lunch"),
                new ServerFrame.UserPresence("Bob", false, TS))),
        new ServerFrame.RoomList(
            TEXT_ID, List.of(new ServerFrame.RoomSummary("lobby", 2, "Weekly sync")), "lobby"),
        new ServerFrame.HistoryEnd(TEXT_ID, "lobby", 2),
        new ServerFrame.UploadSlot(TEXT_ID, "f1", "https://x/up/f1", "t0k3n", TS),
        new ServerFrame.Bye(TEXT_ID, DepartureReason.QUIT, "bye all"),
        new ServerFrame.PrivateOffer("o1", "Bob"),
        new ServerFrame.PrivateDeclined("o1", "Bob", DeclineReason.TIMED_OUT),
        new ServerFrame.PrivateReady("o1", "Bob", "10.0.0.2", 4242, "s3cr3t", PeerRole.LISTEN),
        new ServerFrame.Signal("Bob", "o1", payload));
  }

  private static ServerFrame.Message message(long seq, FrameId re) {
    return new ServerFrame.Message(re, "lobby", seq, "Alice", "hello", TS, true, true, FILE);
  }

  private static ServerFrame.Direct direct() {
    return new ServerFrame.Direct(
        TEXT_ID, "Alice", "Bob", "psst", TS, true, false, "lunch", true, FILE);
  }

  /** One of every public message of the rooms, the room manager and the directory. */
  private List<Object> everyMessage() {
    var withheld = Set.of("carol", "dave");
    var frames =
        SharedFrames.of(
            List.of(
                new ServerFrame.MemberJoined("lobby", "Bob", TS),
                message(43, null),
                new ServerFrame.Topic(null, "lobby", "Weekly sync", "Alice", TS)));
    var posted =
        List.of(
            new Room.PostedMessage(
                44, "Alice", SharedFrames.of(message(44, null)), member, TEXT_ID),
            new Room.PostedMessage(45, "Bob", SharedFrames.of(message(45, null)), other, null));
    return List.of(
        new Room.Join("Alice", member, TEXT_ID, 3, withheld, 41L),
        new Room.Leave("Alice", member, DepartureReason.QUIT, "bye", NUMBER_ID, true),
        new Room.Kick("Alice", "Bob", "spam", TEXT_ID, member),
        new Room.Post("Alice", "hello", TEXT_ID, member, true, FILE),
        new Room.ChangeTopic("Alice", "Weekly sync", TEXT_ID, member),
        new Room.SetAway("Alice", member, "lunch"),
        new Room.GetMembers(TEXT_ID, member),
        new Room.Open("Weekly sync", "Alice"),
        Room.Wake.INSTANCE,
        new Connections.Announce("maintenance at noon"),
        new Connections.ListConnections(connectionsProbe),
        new Connections.ConnectionList(
            List.of(new ConnectionInfo("Alice", "127.0.0.1:5000 (tcp)", List.of("lobby"), TS))),
        new Room.GetHistory(40L, null, 50, withheld, NUMBER_ID, member),
        new Room.Joined(
            "lobby",
            room,
            new ServerFrame.Joined(TEXT_ID, "lobby", "Weekly sync", List.of("Alice", "Bob"), 2),
            List.of(message(40, null), message(41, null)),
            Optional.of(new ServerFrame.Gap("lobby", 30, 39))),
        new Room.Answer(everyFrame()),
        new Room.Broadcast(frames),
        new Room.Broadcast(SharedFrames.joined(List.of(frames, frames.tail(1))).tail(2)),
        new Room.Kicked(new ServerFrame.Kicked("lobby", "Alice", "spam", TS)),
        new Room.MessagesPosted("lobby", posted),
        new RoomManager.Create(
            "lobby", "Weekly sync", "Alice", "10.0.0.1", member, TEXT_ID, 3, withheld),
        new RoomManager.Join("lobby", "Alice", member, TEXT_ID, 3, withheld, 41L),
        new RoomManager.Who("lobby", TEXT_ID, member),
        new RoomManager.ListRooms("lobby", 10, 4096, NUMBER_ID, member),
        new RoomManager.RoomChanged("lobby", new ServerFrame.RoomSummary("Lobby", 2, "sync")),
        new Directory.Claim("Alice", "hunter2", "10.0.0.1", session, TEXT_ID, true),
        new Directory.Release("Alice", session),
        new Directory.ListUsers(3600L, TEXT_ID, session),
        new Directory.Register("Alice", "hunter2", "10.0.0.1", TEXT_ID, session),
        new Directory.SendDirect("Alice", "Bob", "psst", TEXT_ID, session, true, FILE),
        new Directory.MayShare("Alice", "Bob", TEXT_ID, sharer),
        new Directory.Sharer(
            false,
            Optional.of(new ServerFrame.Error(TEXT_ID, ErrorCode.ACCOUNT_REQUIRED, "no", null))),
        new Directory.Block("Alice", "Bob", TEXT_ID, session),
        new Directory.Unblock("Alice", "Bob", TEXT_ID, session),
        new Directory.SetAway("Alice", session, "lunch", TEXT_ID, session),
        new Directory.Kick("Bob", "spam", kicked),
        new Directory.TakeMail("Alice", 2, session),
        new Directory.FindPeer("Alice", "Bob", peerFound),
        new Directory.PeerOnline("Bob", session),
        new Directory.PeerRefused(ErrorCode.BLOCKED, "one of you blocks the other"),
        new Directory.Claimed("Alice", withheld, List.of(direct()), TEXT_ID, 3, true),
        Directory.MailTaken.INSTANCE,
        new Directory.Answer(new ServerFrame.Ok(TEXT_ID)),
        new Directory.DirectReceived(direct()),
        new Directory.BlocksChanged(withheld, TEXT_ID),
        new Directory.Told(new ServerFrame.PrivateOffer("o1", "Bob")),
        new Directory.Kicked("spam"),
        Directory.Replaced.INSTANCE);
  }

  @Test
  void everyCrossingMessageReadsBackTheSameThroughJacksonCbor() throws NotSerializableException {
    for (Object message : everyMessage()) {
      Serializer serializer = serialization().serializerFor(message.getClass());
      assertInstanceOf(JacksonCborSerializer.class, serializer, message.getClass().getName());

      assertSameContents(message, roundTrip(message), message.getClass().getSimpleName());
    }
  }

  @Test
  void everyPublicMessageOfASealedProtocolHasARoundTrip() {
    Set<Class<?>> covered =
        everyMessage().stream().map(Object::getClass).collect(Collectors.toSet());
    for (Class<?> protocol :
        List.of(
            Room.Command.class,
            Room.Event.class,
            RoomManager.Command.class,
            Directory.Command.class,
            Directory.Event.class,
            Directory.PeerFound.class)) {
      assertTrue(CrossNode.class.isAssignableFrom(protocol), protocol.getName());
      for (Class<?> message : protocol.getPermittedSubclasses()) {
        // a private message is the actor's to itself: it never leaves its node
        if (Modifier.isPublic(message.getModifiers())) {
          assertTrue(covered.contains(message), "no round trip of " + message.getName());
        }
      }
    }
  }

  @Test
  void everyServerFrameTypeHasARoundTrip() {
    Set<Class<?>> covered = everyFrame().stream().map(Object::getClass).collect(Collectors.toSet());
    for (Class<?> frame : ServerFrame.class.getPermittedSubclasses()) {
      assertTrue(covered.contains(frame), "no round trip of " + frame.getName());
    }
  }

  @Test
  void sharedFramesAreEncodedAgainOnTheReceivingNode() {
    var frames = SharedFrames.of(everyFrame());
    var sent = new Room.Broadcast(frames);
    // encoded here before it is sent: what the other node gets is the frames, not these bytes
    frames.encodedAs(WireFormat.JSON, this::json);

    var received = (Room.Broadcast) roundTrip(sent);

    assertEquals(frames.frames(), received.frames().frames());
    assertEquals(
        frames.encodedAs(WireFormat.JSON, this::json),
        received.frames().encodedAs(WireFormat.JSON, this::json));
    assertEquals(
        frames.tail(3).encodedAs(WireFormat.JSON, this::json),
        received.frames().tail(3).encodedAs(WireFormat.JSON, this::json));
  }

  @Test
  void theAnswerToAKickIsPekkosBooleanNotJavaSerialization() throws NotSerializableException {
    assertInstanceOf(BooleanSerializer.class, serialization().serializerFor(Boolean.class));
    assertEquals(Boolean.TRUE, roundTrip(Boolean.TRUE));
  }

  private Object roundTrip(Object message) {
    Serializer serializer = serialization().findSerializerFor(message);
    byte[] bytes = serialization().serialize(message).get();
    return serialization()
        .deserialize(bytes, serializer.identifier(), Serializers.manifestFor(serializer, message))
        .get();
  }

  private ByteString json(ServerFrame frame) {
    return ByteString.fromArray(codec.encode(frame));
  }

  private ByteString text(ServerFrame frame) {
    return ByteString.fromString(frame + "\n");
  }

  /**
   * Records compared field by field, as {@code equals} would, but {@link SharedFrames} (which a
   * node shares by identity) by their frames and by the bytes each format makes of them.
   */
  private void assertSameContents(Object expected, Object actual, String where) {
    if (expected instanceof SharedFrames frames) {
      var received = assertInstanceOf(SharedFrames.class, actual, where);
      assertEquals(frames.frames(), received.frames(), where);
      for (Function<ServerFrame, ByteString> encoder :
          List.<Function<ServerFrame, ByteString>>of(this::json, this::text)) {
        assertArrayEquals(
            frames.encodedAs(WireFormat.JSON, encoder).toArray(),
            received.encodedAs(WireFormat.JSON, encoder).toArray(),
            where);
      }
    } else if (expected instanceof Record record) {
      assertEquals(expected.getClass(), actual.getClass(), where);
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        assertSameContents(
            value(component, expected),
            value(component, actual),
            where + "." + component.getName());
      }
    } else if (expected instanceof List<?> list) {
      var received = assertInstanceOf(List.class, actual, where);
      assertEquals(list.size(), received.size(), where);
      for (int index = 0; index < list.size(); index++) {
        assertSameContents(list.get(index), received.get(index), where + "[" + index + "]");
      }
    } else if (expected instanceof Optional<?> optional) {
      var received = assertInstanceOf(Optional.class, actual, where);
      assertEquals(optional.isPresent(), received.isPresent(), where);
      if (optional.isPresent()) {
        assertSameContents(optional.get(), received.get(), where);
      }
    } else {
      assertEquals(expected, actual, where);
    }
  }

  private static Object value(RecordComponent component, Object record) {
    try {
      return component.getAccessor().invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new AssertionError(component.getName(), e);
    }
  }
}
