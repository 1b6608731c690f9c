package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class SessionTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final FrameCodec codec = new FrameCodec();
  private final ParleySettings settings =
      ParleySettings.fromConfig(ConfigFactory.load("session-test"));
  private final TestProbe<Directory.Command> directory = testKit.createTestProbe();
  private final TestProbe<RoomManager.Command> roomManager = testKit.createTestProbe();
  private final TestProbe<Outbound> output = testKit.createTestProbe();
  private final TestProbe<Session.FrameTaken> input = testKit.createTestProbe();
  private final TestProbe<Room.Command> lobby = testKit.createTestProbe();
  private ActorRef<Directory.Event> directoryEvents;
  private final ActorRef<Session.Command> session =
      testKit.spawn(
          Session.create(
              new SessionServices(settings, codec, directory.getRef(), roomManager.getRef()),
              self ->
                  new ClientConnection(
                      new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000),
                      output.getRef(),
                      KillSwitches.shared("test"))));

  private void receive(ClientFrame frame) {
    session.tell(new Session.FrameReceived(new Inbound.Frame(frame), input.getRef()));
  }

  /** The frames of the next output the connection gets, which it then takes. */
  private List<ServerFrame> sent() {
    var frames = output.expectMessageClass(Outbound.Frames.class);
    session.tell(Session.OutputTaken.INSTANCE);
    return decode(frames.bytes());
  }

  private List<ServerFrame> decode(ByteString bytes) {
    var frames = new ArrayList<ServerFrame>();
    Arrays.stream(bytes.utf8String().split("\n"))
        .forEach(line -> frames.add(codec.decodeServerFrame(line)));
    return frames;
  }

  private ActorRef<Room.Event> logIn(String nick) {
    session.tell(new Session.InputStarted(input.getRef()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Hello(FrameId.of(1), nick, null, null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    directoryEvents = claim.session();
    directoryEvents.tell(new Directory.Claimed(nick, Set.of(), List.of(), claim.re()));
    assertInstanceOf(ServerFrame.Welcome.class, sent().get(0));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    join.member()
        .tell(
            new Room.Joined(
                "lobby",
                lobby.getRef(),
                new ServerFrame.Joined(null, "lobby", null, List.of(nick), 0),
                List.of()));
    assertInstanceOf(ServerFrame.Joined.class, sent().get(0));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    return join.member();
  }

  private ByteString roomMessage(long seq, String text) {
    return ByteString.fromArrayUnsafe(
        codec.encode(new ServerFrame.Message(null, "lobby", seq, "bob", text, null, null)));
  }

  @Test
  void refusesEverythingButHelloPingAndQuitBeforeWelcome() {
    session.tell(new Session.InputStarted(input.getRef()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Join(FrameId.of("j"), "lobby"));
    var error = assertInstanceOf(ServerFrame.Error.class, sent().get(0));
    assertEquals(ErrorCode.NOT_LOGGED_IN, error.code());
    assertEquals(FrameId.of("j"), error.re());
    input.expectMessage(Session.FrameTaken.INSTANCE);
    roomManager.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void welcomesAClaimedNickAndReadsOnOnlyOnceInItsAutoJoinRooms() {
    session.tell(new Session.InputStarted(input.getRef()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", null, null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    assertEquals("alice", claim.nick());
    input.expectNoMessage(Duration.ofMillis(100));

    claim.session().tell(new Directory.Claimed("alice", Set.of(), List.of(), claim.re()));
    assertEquals(
        new ServerFrame.Welcome(FrameId.of(1), "alice", 1, "parley", "Welcome to Parley."),
        sent().get(0));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    assertEquals("lobby", join.room());
    input.expectNoMessage(Duration.ofMillis(100));

    join.member()
        .tell(
            new Room.Joined(
                "lobby",
                lobby.getRef(),
                new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 0),
                List.of()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
  }

  @Test
  void refusesAReservedNickWithoutAskingTheDirectory() {
    session.tell(new Session.InputStarted(input.getRef()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Hello(FrameId.of(1), "Admin", null, null));
    assertEquals(
        ErrorCode.NICK_RESERVED, assertInstanceOf(ServerFrame.Error.class, sent().get(0)).code());
    directory.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void postsToARoomItIsInAndRefusesOneItIsNot() {
    logIn("alice");
    receive(new ClientFrame.Say(FrameId.of(2), "elsewhere", "hi"));
    assertEquals(
        ErrorCode.NOT_IN_ROOM, assertInstanceOf(ServerFrame.Error.class, sent().get(0)).code());
    input.expectMessage(Session.FrameTaken.INSTANCE);
  }

  @Test
  void sendsEverythingWaitingAsOnePieceOnceTheConnectionTookTheLast() {
    var member = logIn("alice");
    member.tell(new Room.MessagePosted("lobby", 1, "bob", roomMessage(1, "one")));
    var first = output.expectMessageClass(Outbound.Frames.class);
    member.tell(new Room.MessagePosted("lobby", 2, "bob", roomMessage(2, "two")));
    member.tell(new Room.MessagePosted("lobby", 3, "bob", roomMessage(3, "three")));
    output.expectNoMessage(Duration.ofMillis(100));
    session.tell(Session.OutputTaken.INSTANCE);
    var batch = decode(output.expectMessageClass(Outbound.Frames.class).bytes());
    assertEquals(
        List.of(2L, 3L), batch.stream().map(f -> ((ServerFrame.Message) f).seq()).toList());
    assertEquals(1, decode(first.bytes()).size());
  }

  @Test
  void dropsRoomMessagesForASlowReaderAndAnnouncesThemWithAGap() {
    var member = logIn("alice");
    member.tell(new Room.MessagePosted("lobby", 1, "bob", roomMessage(1, "in flight")));
    output.expectMessageClass(Outbound.Frames.class);
    String text = "x".repeat(100);
    for (long seq = 2; seq <= 10; seq++) {
      member.tell(new Room.MessagePosted("lobby", seq, "bob", roomMessage(seq, text)));
    }
    member.tell(new Room.Broadcast(ByteString.fromString("{\"type\":\"notice-like\"}\n")));
    session.tell(Session.OutputTaken.INSTANCE);

    var kept = decode(output.expectMessageClass(Outbound.Frames.class).bytes());
    var seqs =
        kept.stream()
            .filter(ServerFrame.Message.class::isInstance)
            .map(frame -> ((ServerFrame.Message) frame).seq())
            .toList();
    long lastKept = 1 + seqs.size();
    assertEquals(LongStream.rangeClosed(2, lastKept).boxed().toList(), seqs);
    assertTrue(lastKept < 10, "the queue of 300 bytes cannot hold nine messages of 100 chars");
    session.tell(Session.OutputTaken.INSTANCE);
    assertEquals(
        List.of(new ServerFrame.Gap("lobby", lastKept + 1, 10)),
        decode(output.expectMessageClass(Outbound.Frames.class).bytes()));
  }

  @Test
  void stopsReadingWhileItsReaderIsBehindByTheWholeQueue() {
    var member = logIn("alice");
    member.tell(new Room.Broadcast(ByteString.fromString("x".repeat(50) + "\n")));
    output.expectMessageClass(Outbound.Frames.class);
    member.tell(new Room.Broadcast(ByteString.fromString("y".repeat(400) + "\n")));
    receive(new ClientFrame.Ping(FrameId.of("p")));
    input.expectNoMessage(Duration.ofMillis(200));
    session.tell(Session.OutputTaken.INSTANCE);
    output.expectMessageClass(Outbound.Frames.class);
    input.expectNoMessage(Duration.ofMillis(200));
    session.tell(Session.OutputTaken.INSTANCE);
    input.expectMessage(Session.FrameTaken.INSTANCE);
  }

  @Test
  void cutsAReaderThatTakesNothingForTheStallTimeoutAndLeavesItsRooms() {
    logIn("alice");
    receive(new ClientFrame.Ping(null));
    output.expectMessageClass(Outbound.Frames.class);
    var watcher = testKit.createTestProbe();
    watcher.expectTerminated(session, Duration.ofSeconds(5));
    lobby.expectMessage(new Room.Leave("alice", DepartureReason.SLOW_CONSUMER));
    directory.expectMessage(new Directory.Release("alice"));
  }

  @Test
  void saysByeShutdownLeavesItsRoomsAndEndsTheOutput() {
    logIn("alice");
    session.tell(Session.Shutdown.INSTANCE);
    assertEquals(
        new ServerFrame.Bye(DepartureReason.SHUTDOWN, "the server is shutting down"),
        sent().get(0));
    output.expectMessage(Outbound.End.INSTANCE);
    lobby.expectMessage(new Room.Leave("alice", DepartureReason.SHUTDOWN));
    directory.expectMessage(new Directory.Release("alice"));
  }

  @Test
  void leavesItsRoomsAsDisconnectedWhenTheClientIsGone() {
    logIn("alice");
    session.tell(Session.InputEnded.INSTANCE);
    lobby.expectMessage(new Room.Leave("alice", DepartureReason.DISCONNECTED));
    directory.expectMessage(new Directory.Release("alice"));
    testKit.createTestProbe().expectTerminated(session);
  }

  @Test
  void handsOverTheMailThatWaitedRightAfterTheWelcome() {
    session.tell(new Session.InputStarted(input.getRef()));
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    assertEquals("secret-password", claim.password());
    var mail =
        List.of(
            new ServerFrame.Direct(null, "bob", "alice", "first", null, true, null),
            new ServerFrame.Direct(null, "carol", "alice", "second", null, true, null));
    claim.session().tell(new Directory.Claimed("alice", Set.of(), mail, claim.re()));
    var frames = new ArrayList<ServerFrame>();
    while (frames.size() < 3) {
      frames.addAll(sent());
    }
    assertInstanceOf(ServerFrame.Welcome.class, frames.get(0));
    assertEquals(mail, frames.subList(1, 3));
  }

  @Test
  void withholdsRoomMessagesFromWhomTheUserBlocks() {
    var member = logIn("alice");
    receive(new ClientFrame.Block(FrameId.of(5), "Bob"));
    var block = directory.expectMessageClass(Directory.Block.class);
    block.replyTo().tell(new Directory.BlocksChanged(Set.of("bob"), block.re()));
    assertEquals(new ServerFrame.Ok(FrameId.of(5)), sent().get(0));

    member.tell(new Room.MessagePosted("lobby", 1, "BOB", roomMessage(1, "spam")));
    member.tell(new Room.MessagePosted("lobby", 2, "carol", roomMessage(2, "hello")));
    var frames = sent();
    assertEquals(1, frames.size());
    assertEquals(2, ((ServerFrame.Message) frames.get(0)).seq());
  }

  @Test
  void leavesARoomWhoseJoinWasAnsweredAfterItsByeWithTheReasonOfTheBye() {
    logIn("alice");
    receive(new ClientFrame.Join(FrameId.of(2), "dev"));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    directoryEvents.tell(new Directory.Kicked("bye"));
    lobby.expectMessage(new Room.Leave("alice", DepartureReason.KICKED));
    TestProbe<Room.Command> dev = testKit.createTestProbe();
    join.member()
        .tell(
            new Room.Joined(
                "dev",
                dev.getRef(),
                new ServerFrame.Joined(FrameId.of(2), "dev", null, List.of("alice"), 0),
                List.of()));
    dev.expectMessage(new Room.Leave("alice", DepartureReason.KICKED));
  }

  @Test
  void answersWhoOfAnInvalidRoomNameWithNoSuchRoom() {
    logIn("alice");
    receive(new ClientFrame.Who(FrameId.of(3), "no such room!"));
    var error = assertInstanceOf(ServerFrame.Error.class, sent().get(0));
    assertEquals(ErrorCode.NO_SUCH_ROOM, error.code());
    roomManager.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void deliversAMessagePostedBeforeTheRoomTookTheLeave() {
    var member = logIn("alice");
    receive(new ClientFrame.Leave(FrameId.of(4), "lobby"));
    var leave = lobby.expectMessageClass(Room.Leave.class);
    member.tell(new Room.MessagePosted("lobby", 1, "bob", roomMessage(1, "still here")));
    leave.replyTo().tell(Room.Answer.of(new ServerFrame.Left(FrameId.of(4), "lobby")));
    var frames = new ArrayList<ServerFrame>();
    while (frames.stream().noneMatch(ServerFrame.Left.class::isInstance)) {
      frames.addAll(sent());
    }
    assertInstanceOf(ServerFrame.Message.class, frames.get(0), frames.toString());
    member.tell(new Room.MessagePosted("lobby", 2, "bob", roomMessage(2, "gone")));
    output.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void withholdsTheReplayedMessagesOfABlockedUserAndCountsOnlyWhatIsSent() {
    logIn("alice");
    receive(new ClientFrame.Block(FrameId.of(5), "bob"));
    var block = directory.expectMessageClass(Directory.Block.class);
    block.replyTo().tell(new Directory.BlocksChanged(Set.of("bob"), block.re()));
    sent();
    input.expectMessage(Session.FrameTaken.INSTANCE);
    receive(new ClientFrame.Join(FrameId.of(6), "dev"));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    var fromBob = new ServerFrame.Message(FrameId.of(6), "dev", 1, "bob", "spam", null, true);
    var fromCarol = new ServerFrame.Message(FrameId.of(6), "dev", 2, "carol", "hi", null, true);
    join.member()
        .tell(
            new Room.Joined(
                "dev",
                testKit.<Room.Command>createTestProbe().getRef(),
                new ServerFrame.Joined(FrameId.of(6), "dev", null, List.of("alice", "bob"), 2),
                List.of(fromBob, fromCarol)));
    var frames = new ArrayList<ServerFrame>();
    while (frames.stream().noneMatch(ServerFrame.Message.class::isInstance)) {
      frames.addAll(sent());
    }
    assertEquals(1, assertInstanceOf(ServerFrame.Joined.class, frames.get(0)).replay());
    assertEquals(List.of(fromCarol), frames.subList(1, frames.size()));
  }
}
