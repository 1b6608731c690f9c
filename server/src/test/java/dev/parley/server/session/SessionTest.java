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
import dev.parley.server.files.FileShelf;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.peer.PeerBroker;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.wire.SharedFrames;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class SessionTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final FrameCodec codec = new FrameCodec();
  private final JsonDialect json = new JsonDialect(codec);
  private final ParleySettings settings =
      ParleySettings.fromConfig(ConfigFactory.load("session-test"));
  private final TestProbe<Directory.Command> directory = testKit.createTestProbe();
  private final TestProbe<RoomManager.Command> roomManager = testKit.createTestProbe();
  private final TestProbe<Outbound> output = testKit.createTestProbe();
  private final TestProbe<TestConnectionInput.Asked> input = testKit.createTestProbe();
  private final TestProbe<Room.Command> lobby = testKit.createTestProbe();
  private final TestProbe<FileShelf.Command> files = testKit.createTestProbe();
  private final TestProbe<PeerBroker.Command> peers = testKit.createTestProbe();
  private final ActorRef<Room.Event> otherMember = testKit.<Room.Event>createTestProbe().getRef();
  private ActorRef<Directory.Event> directoryEvents;
  // the session's address for its rooms, known once it joined the lobby
  private ActorRef<Room.Event> roomEvents;
  private final TestConnectionOutput connection = new TestConnectionOutput(output.getRef());
  private final TestProbe<Connections.Welcomed> registry = testKit.createTestProbe();
  private final KeptOutputTotal keptOutput =
      new KeptOutputTotal(settings.session().maxTotalKeptOutput());
  private final ActorRef<Session.Command> session =
      testKit.spawn(
          Session.create(
              new SessionServices(
                  settings,
                  json,
                  directory.getRef(),
                  roomManager.getRef(),
                  keptOutput,
                  ServerMetrics.chatOnly(),
                  files.getRef(),
                  peers.getRef()),
              new ClientConnection(
                  new InetSocketAddress(InetAddress.getLoopbackAddress(), 50000),
                  false,
                  new TestConnectionInput(input.getRef()),
                  connection,
                  json),
              registry.getRef()));

  private void receive(ClientFrame frame) {
    session.tell(new Session.FrameReceived(new Inbound.Frame(frame)));
  }

  /** The frames of the next output the connection gets, which it then takes. */
  private List<ServerFrame> sent() {
    var frames = output.expectMessageClass(Outbound.Frames.class);
    connectionTakes();
    return decode(frames.bytes());
  }

  /** The connection takes everything handed over, once the session handled what it was sent. */
  private void connectionTakes() {
    sessionHandledAllItWasSent();
    connection.take();
  }

  private void sessionHandledAllItWasSent() {
    var described = testKit.<ConnectionInfo>createTestProbe();
    session.tell(new Session.Describe(described.getRef()));
    described.expectMessageClass(ConnectionInfo.class);
  }

  private List<ServerFrame> decode(ByteString bytes) {
    var frames = new ArrayList<ServerFrame>();
    Arrays.stream(bytes.utf8String().split("\n"))
        .forEach(line -> frames.add(codec.decodeServerFrame(line)));
    return frames;
  }

  private ActorRef<Room.Event> logIn(String nick) {
    return logIn(nick, false);
  }

  /** Logs in as {@code nick}, a room operator or not, into the lobby. */
  private ActorRef<Room.Event> logIn(String nick, boolean operator) {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), nick, null, null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    directoryEvents = claim.session();
    directoryEvents.tell(new Directory.Claimed(nick, Set.of(), List.of(), claim.re(), 0, operator));
    assertInstanceOf(ServerFrame.Welcome.class, sent().get(0));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    join.member()
        .tell(
            new Room.Joined(
                "lobby",
                lobby.getRef(),
                new ServerFrame.Joined(null, "lobby", null, List.of(nick), 0),
                List.of(),
                Optional.empty()));
    assertInstanceOf(ServerFrame.Joined.class, sent().get(0));
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    roomEvents = join.member();
    return roomEvents;
  }

  /** The session tells {@code room} that it ends for {@code reason}. */
  private void expectDeparture(TestProbe<Room.Command> room, DepartureReason reason) {
    expectDeparture(room, reason, null);
  }

  /** The session tells {@code room} that it ends for {@code reason}, saying {@code text}. */
  private void expectDeparture(TestProbe<Room.Command> room, DepartureReason reason, String text) {
    var leave = room.expectMessageClass(Room.Leave.class);
    assertEquals(Room.Leave.departing("alice", roomEvents, reason, text), leave);
  }

  /** A batch of one message of the lobby, said by someone else. */
  private Room.MessagesPosted posted(long seq, String from, String text) {
    return new Room.MessagesPosted(
        "lobby",
        List.of(new Room.PostedMessage(seq, from, roomMessage(seq, text), otherMember, null)));
  }

  private static SharedFrames roomMessage(long seq, String text) {
    return SharedFrames.of(new ServerFrame.Message(null, "lobby", seq, "bob", text, null, null));
  }

  /** Events of a room whose frame takes {@code bytes} bytes of JSON, its newline included. */
  private Room.Broadcast eventsOfBytes(int bytes) {
    int overhead = codec.encode(new ServerFrame.Notice("", null)).length;
    return new Room.Broadcast(
        SharedFrames.of(new ServerFrame.Notice("x".repeat(bytes - overhead), null)));
  }

  @Test
  void refusesEverythingButHelloPingAndQuitBeforeWelcome() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Join(FrameId.of("j"), "lobby"));
    var error = assertInstanceOf(ServerFrame.Error.class, sent().get(0));
    assertEquals(ErrorCode.NOT_LOGGED_IN, error.code());
    assertEquals(FrameId.of("j"), error.re());
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    roomManager.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void welcomesAClaimedNickAndReadsOnOnlyOnceInItsAutoJoinRooms() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", null, null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    assertEquals("alice", claim.nick());
    input.expectNoMessage(Duration.ofMillis(100));

    claim.session().tell(new Directory.Claimed("alice", Set.of(), List.of(), claim.re(), 0, false));
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
                List.of(),
                Optional.empty()));
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
  }

  @Test
  void refusesAReservedNickWithoutAskingTheDirectory() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
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
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
  }

  @Test
  void sendsEverythingWaitingAsOnePieceOnceTheConnectionTookTheLast() {
    var member = logIn("alice");
    member.tell(posted(1, "bob", "one"));
    var first = output.expectMessageClass(Outbound.Frames.class);
    member.tell(posted(2, "bob", "two"));
    member.tell(posted(3, "bob", "three"));
    output.expectNoMessage(Duration.ofMillis(100));
    connectionTakes();
    var batch = decode(output.expectMessageClass(Outbound.Frames.class).bytes());
    assertEquals(
        List.of(2L, 3L), batch.stream().map(f -> ((ServerFrame.Message) f).seq()).toList());
    assertEquals(1, decode(first.bytes()).size());
  }

  @Test
  void dropsRoomMessagesForASlowReaderAndAnnouncesThemWithAGap() {
    var member = logIn("alice");
    member.tell(posted(1, "bob", "in flight"));
    output.expectMessageClass(Outbound.Frames.class);
    String text = "x".repeat(100);
    for (long seq = 2; seq <= 10; seq++) {
      member.tell(posted(seq, "bob", text));
    }
    member.tell(eventsOfBytes(30));
    connectionTakes();

    var kept = decode(output.expectMessageClass(Outbound.Frames.class).bytes());
    var seqs =
        kept.stream()
            .filter(ServerFrame.Message.class::isInstance)
            .map(frame -> ((ServerFrame.Message) frame).seq())
            .toList();
    long lastKept = 1 + seqs.size();
    assertEquals(LongStream.rangeClosed(2, lastKept).boxed().toList(), seqs);
    assertTrue(lastKept < 10, "the queue of 300 bytes cannot hold nine messages of 100 chars");
    assertEquals(new ServerFrame.Gap("lobby", lastKept + 1, 10), kept.get(kept.size() - 1));
  }

  @Test
  void saysByeAfterTheGapsOfWhatItDroppedAndEndsWithoutWaitingForTheReader() {
    var member = logIn("alice");
    member.tell(posted(1, "bob", "in flight"));
    output.expectMessageClass(Outbound.Frames.class);
    member.tell(posted(2, "bob", "x".repeat(400)));
    session.tell(Session.Shutdown.INSTANCE);
    connectionTakes();

    assertEquals(
        List.of(
            new ServerFrame.Gap("lobby", 2, 2),
            new ServerFrame.Bye(DepartureReason.SHUTDOWN, "the server is shutting down")),
        decode(output.expectMessageClass(Outbound.Frames.class).bytes()));
    output.expectMessage(Outbound.End.INSTANCE);
  }

  @Test
  void stopsReadingWhileItsReaderIsBehindByTheWholeQueue() {
    var member = logIn("alice");
    member.tell(eventsOfBytes(51));
    output.expectMessageClass(Outbound.Frames.class);
    member.tell(eventsOfBytes(401));
    receive(new ClientFrame.Ping(FrameId.of("p")));
    input.expectNoMessage(Duration.ofMillis(200));
    connectionTakes();
    output.expectMessageClass(Outbound.Frames.class);
    input.expectNoMessage(Duration.ofMillis(200));
    connectionTakes();
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
  }

  @Test
  void cutsAReaderBehindByTheWholeQueueAtOnceWhileAllReadersKeepTooMuch() {
    logIn("alice");
    // the other readers of the server keep as much as all of them may
    keptOutput.update(0, settings.session().maxTotalKeptOutput());
    roomEvents.tell(eventsOfBytes(51));
    output.expectMessageClass(Outbound.Frames.class);
    // within this reader's own bound on what it keeps, but past the server's
    roomEvents.tell(eventsOfBytes(401));
    // at once, not after the stall timeout
    output.expectMessageClass(Outbound.Abort.class, Duration.ofSeconds(2));
    expectDeparture(lobby, DepartureReason.SLOW_CONSUMER);
    testKit.createTestProbe().expectTerminated(session);
    assertEquals(settings.session().maxTotalKeptOutput(), keptOutput.bytes());
  }

  @Test
  void givesALoginItsMailBeyondTheQueueWhileAllReadersKeepTooMuch() {
    keptOutput.update(0, settings.session().maxTotalKeptOutput());
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    // the answer to the hello, more than the queue holds: nothing the reader let pile up
    var mail =
        List.of(
            new ServerFrame.Direct(null, "bob", "alice", "x".repeat(200), null, true, null),
            new ServerFrame.Direct(null, "bob", "alice", "y".repeat(200), null, true, null));
    claim.session().tell(new Directory.Claimed("alice", Set.of(), mail, claim.re(), 0, false));

    var frames = decode(output.expectMessageClass(Outbound.Frames.class).bytes());
    assertInstanceOf(ServerFrame.Welcome.class, frames.get(0));
    assertEquals(mail, frames.subList(1, 3));
    output.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void givesUpItsShareOfWhatAllReadersKeepOnceItsReaderCaughtUp() {
    logIn("alice");
    roomEvents.tell(eventsOfBytes(51));
    output.expectMessageClass(Outbound.Frames.class);
    roomEvents.tell(eventsOfBytes(401));
    connectionTakes();
    // the 401 bytes handed over, less the queue's bound
    output.expectMessageClass(Outbound.Frames.class);
    assertEquals(401 - settings.session().maxPendingOutput(), keptOutput.bytes());
    connectionTakes();
    sessionHandledAllItWasSent();
    assertEquals(0, keptOutput.bytes());
  }

  @Test
  void cutsAReaderThatTakesNothingForTheStallTimeoutAndLeavesItsRooms() {
    logIn("alice");
    receive(new ClientFrame.Ping(null));
    output.expectMessageClass(Outbound.Frames.class);
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    var watcher = testKit.createTestProbe();
    watcher.expectTerminated(session, Duration.ofSeconds(8));
    input.expectMessage(TestConnectionInput.Asked.CLOSE);
    output.expectMessageClass(Outbound.Abort.class);
    expectDeparture(lobby, DepartureReason.SLOW_CONSUMER);
    directory.expectMessage(new Directory.Release("alice", directoryEvents));
  }

  @Test
  void saysByeShutdownLeavesItsRoomsAndEndsTheOutput() {
    logIn("alice");
    session.tell(Session.Shutdown.INSTANCE);
    assertEquals(
        new ServerFrame.Bye(DepartureReason.SHUTDOWN, "the server is shutting down"),
        sent().get(0));
    output.expectMessage(Outbound.End.INSTANCE);
    expectDeparture(lobby, DepartureReason.SHUTDOWN);
    directory.expectMessage(new Directory.Release("alice", directoryEvents));
  }

  @Test
  void leavesItsRoomsAsDisconnectedWhenTheClientIsGone() {
    logIn("alice");
    session.tell(Session.InputEnded.INSTANCE);
    expectDeparture(lobby, DepartureReason.DISCONNECTED);
    directory.expectMessage(new Directory.Release("alice", directoryEvents));
    testKit.createTestProbe().expectTerminated(session);
    input.expectMessage(TestConnectionInput.Asked.CLOSE);
  }

  @Test
  void givesTheMailWithTheWelcomeAndTakesItFromTheStoreOnceTheClientSaysMore() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    assertEquals("secret-password", claim.password());
    var mail =
        List.of(
            new ServerFrame.Direct(null, "bob", "alice", "first", null, true, null),
            new ServerFrame.Direct(null, "carol", "alice", "second", null, true, null));
    claim.session().tell(new Directory.Claimed("alice", Set.of(), mail, claim.re(), 0, false));
    var frames = new ArrayList<ServerFrame>();
    while (frames.size() < 3) {
      frames.addAll(sent());
    }
    assertInstanceOf(ServerFrame.Welcome.class, frames.get(0));
    assertEquals(mail, frames.subList(1, 3));
    // what comes meanwhile comes live
    var live = new ServerFrame.Direct(null, "dave", "alice", "third", null, null, null);
    claim.session().tell(new Directory.DirectReceived(live));
    assertEquals(List.of(live), sent());
    expectNoTakeMail();

    // the client read past its welcome: the mail leaves the store before its frame is answered
    receive(new ClientFrame.Ping(FrameId.of(2)));
    var take = directory.expectMessageClass(Directory.TakeMail.class);
    assertEquals(new Directory.TakeMail("alice", 2, claim.session()), take);
    output.expectNoMessage(Duration.ofMillis(100));
    take.replyTo().tell(Directory.MailTaken.INSTANCE);
    // and once the lobby answered the join that came with the welcome
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    join.member()
        .tell(
            new Room.Joined(
                "lobby",
                lobby.getRef(),
                new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 0),
                List.of(),
                Optional.empty()));
    var answered = new ArrayList<ServerFrame>();
    while (answered.size() < 2) {
      answered.addAll(sent());
    }
    assertEquals(new ServerFrame.Pong(FrameId.of(2)), answered.get(1));
  }

  @Test
  void leavesTheMailInTheStoreForAClientGoneBeforeItSaidMore() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    var mail = List.of(new ServerFrame.Direct(null, "bob", "alice", "first", null, true, null));
    claim.session().tell(new Directory.Claimed("alice", Set.of(), mail, claim.re(), 0, false));
    sent();
    session.tell(Session.Shutdown.INSTANCE);
    directory.expectMessage(new Directory.Release("alice", claim.session()));
    expectNoTakeMail();
  }

  private void expectNoTakeMail() {
    directory.expectNoMessage(Duration.ofMillis(200));
  }

  @Test
  void leavesTheMailOfALoginAnsweredAfterItsByeToTheDirectory() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null));
    var claim = directory.expectMessageClass(Directory.Claim.class);
    session.tell(Session.Shutdown.INSTANCE);
    var mail = List.of(new ServerFrame.Direct(null, "bob", "alice", "first", null, true, null));

    claim.session().tell(new Directory.Claimed("alice", Set.of(), mail, claim.re(), 0, false));
    directory.expectMessage(new Directory.Release("alice", claim.session()));
    directory.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void withholdsRoomMessagesFromWhomTheUserBlocks() {
    var member = logIn("alice");
    blockBob();

    member.tell(posted(1, "BOB", "spam"));
    member.tell(posted(2, "carol", "hello"));
    var frames = sent();
    assertEquals(1, frames.size());
    assertEquals(2, ((ServerFrame.Message) frames.get(0)).seq());
  }

  @Test
  void withholdsTheMessagesOfABlockedUserFromABatchAndSendsTheRest() {
    var member = logIn("alice");
    blockBob();

    member.tell(batch(posted(1, "carol", "hi"), posted(2, "Bob", "spam"), posted(3, "dan", "yo")));
    member.tell(batch(posted(4, "carol", "hello"), posted(5, "dan", "hey")));
    var seqs = new ArrayList<Long>();
    while (seqs.size() < 4) {
      sent().forEach(frame -> seqs.add(((ServerFrame.Message) frame).seq()));
    }
    assertEquals(List.of(1L, 3L, 4L, 5L), seqs);
  }

  /** The user blocks Bob, as the directory confirms. */
  private void blockBob() {
    receive(new ClientFrame.Block(FrameId.of(5), "Bob"));
    var block = directory.expectMessageClass(Directory.Block.class);
    block.replyTo().tell(new Directory.BlocksChanged(Set.of("bob"), block.re()));
    assertEquals(new ServerFrame.Ok(FrameId.of(5)), sent().get(0));
  }

  /** The messages of several one-message batches, as one batch. */
  private static Room.MessagesPosted batch(Room.MessagesPosted... batches) {
    return new Room.MessagesPosted(
        batches[0].roomName(),
        Arrays.stream(batches).flatMap(batch -> batch.messages().stream()).toList());
  }

  @Test
  void asksTheDirectoryToTakeTheNickOverWhenTheHelloSaysSo() {
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Hello(FrameId.of(1), "alice", "secret-password", null, true));
    assertTrue(directory.expectMessageClass(Directory.Claim.class).takeOver());
  }

  @Test
  void saysByeReplacedAndLeavesAsReplacedWhenTheNickIsTakenOver() {
    logIn("alice");
    directoryEvents.tell(Directory.Replaced.INSTANCE);
    var bye = assertInstanceOf(ServerFrame.Bye.class, sent().get(0));
    assertEquals(DepartureReason.REPLACED, bye.reason());
    expectDeparture(lobby, DepartureReason.REPLACED);
    directory.expectMessage(new Directory.Release("alice", directoryEvents));
  }

  @Test
  void leavesARoomWhoseJoinWasAnsweredAfterItsByeWithTheReasonOfTheBye() {
    logIn("alice");
    receive(new ClientFrame.Join(FrameId.of(2), "dev"));
    var join = roomManager.expectMessageClass(RoomManager.Join.class);
    // the operator's reason goes to the rooms too
    directoryEvents.tell(new Directory.Kicked("bye"));
    expectDeparture(lobby, DepartureReason.KICKED, "bye");
    TestProbe<Room.Command> dev = testKit.createTestProbe();
    join.member()
        .tell(
            new Room.Joined(
                "dev",
                dev.getRef(),
                new ServerFrame.Joined(FrameId.of(2), "dev", null, List.of("alice"), 0),
                List.of(),
                Optional.empty()));
    expectDeparture(dev, DepartureReason.KICKED, "bye");
  }

  @Test
  void tellsItsRoomsTheWordsOfItsQuit() {
    logIn("alice");
    receive(new ClientFrame.Quit(FrameId.of(2), "gone fishing"));
    assertEquals(
        Room.Leave.departing("alice", roomEvents, DepartureReason.QUIT, "gone fishing"),
        lobby.expectMessageClass(Room.Leave.class));
  }

  @Test
  void refusesTheKickOfANonOperatorWithoutAskingTheRoom() {
    logIn("alice");
    receive(new ClientFrame.Kick(FrameId.of(2), "lobby", "bob", null));
    var error = assertInstanceOf(ServerFrame.Error.class, sent().get(0));
    assertEquals(ErrorCode.NOT_OPERATOR, error.code());
    assertEquals(FrameId.of(2), error.re());
    lobby.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void asksTheRoomForTheKickOfAnOperator() {
    logIn("alice", true);
    receive(new ClientFrame.Kick(FrameId.of(2), "lobby", "bob", "spamming"));
    assertEquals(
        new Room.Kick("alice", "bob", "spamming", FrameId.of(2), roomEvents),
        lobby.expectMessageClass(Room.Kick.class));
  }

  @Test
  void isNoLongerInARoomThatKickedItOut() {
    var member = logIn("alice");
    var kicked =
        new ServerFrame.Kicked("lobby", "bob", null, Instant.parse("2026-12-07T08:00:00Z"));
    member.tell(new Room.Kicked(kicked));
    assertEquals(List.of(kicked), sent());
    receive(new ClientFrame.Say(FrameId.of(2), "lobby", "still here?"));
    var error = assertInstanceOf(ServerFrame.Error.class, sent().get(0));
    assertEquals(ErrorCode.NOT_IN_ROOM, error.code());
    lobby.expectNoMessage(Duration.ofMillis(100));
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
    member.tell(posted(1, "bob", "still here"));
    leave.member().tell(Room.Answer.of(new ServerFrame.Left(FrameId.of(4), "lobby")));
    var frames = new ArrayList<ServerFrame>();
    while (frames.stream().noneMatch(ServerFrame.Left.class::isInstance)) {
      frames.addAll(sent());
    }
    assertInstanceOf(ServerFrame.Message.class, frames.get(0), frames.toString());
    member.tell(posted(2, "bob", "gone"));
    output.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void withholdsTheReplayedMessagesOfABlockedUserAndCountsOnlyWhatIsSent() {
    logIn("alice");
    blockBob();
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
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
                List.of(fromBob, fromCarol),
                Optional.empty()));
    var frames = new ArrayList<ServerFrame>();
    while (frames.stream().noneMatch(ServerFrame.Message.class::isInstance)) {
      frames.addAll(sent());
    }
    assertEquals(1, assertInstanceOf(ServerFrame.Joined.class, frames.get(0)).replay());
    assertEquals(List.of(fromCarol), frames.subList(1, frames.size()));
  }

  @Test
  void readsSaysToOneRoomWhileTheLastAreStoredAndHoldsAnyOtherFrameTillTheyAreAnswered() {
    var member = logIn("alice");
    receive(new ClientFrame.Say(FrameId.of(2), "lobby", "one"));
    var first = lobby.expectMessageClass(Room.Post.class);
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Say(FrameId.of(3), "Lobby", "two"));
    var second = lobby.expectMessageClass(Room.Post.class);
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Ping(FrameId.of("p")));
    input.expectNoMessage(Duration.ofMillis(100));
    output.expectNoMessage(Duration.ofMillis(1));

    member.tell(
        new Room.MessagesPosted(
            "lobby",
            List.of(
                new Room.PostedMessage(1, "alice", echoless(1, "one"), first.replyTo(), first.re()),
                new Room.PostedMessage(2, "bob", roomMessage(2, "hi"), otherMember, null),
                new Room.PostedMessage(
                    3, "alice", echoless(3, "two"), second.replyTo(), second.re()))));

    var frames = new ArrayList<ServerFrame>();
    while (frames.size() < 4) {
      frames.addAll(sent());
    }
    assertEquals(
        List.of(
            new ServerFrame.Message(FrameId.of(2), "lobby", 1, "alice", "one", null, null),
            new ServerFrame.Message(null, "lobby", 2, "bob", "hi", null, null),
            new ServerFrame.Message(FrameId.of(3), "lobby", 3, "alice", "two", null, null),
            new ServerFrame.Pong(FrameId.of("p"))),
        frames);
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
  }

  @Test
  void readsNoMoreSaysThanMaxSaysInFlight() {
    logIn("alice");
    for (int i = 1; i <= 3; i++) {
      receive(new ClientFrame.Say(FrameId.of(i), "lobby", "m" + i));
      lobby.expectMessageClass(Room.Post.class);
      if (i < 3) {
        input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
      }
    }
    input.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void holdsASayWhoseErrorWouldOvertakeTheAnswersOfTheSaysInFlight() {
    logIn("alice");
    receive(new ClientFrame.Say(FrameId.of(2), "lobby", "one"));
    var first = lobby.expectMessageClass(Room.Post.class);
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
    receive(new ClientFrame.Say(FrameId.of(3), "lobby", " "));
    input.expectNoMessage(Duration.ofMillis(100));
    output.expectNoMessage(Duration.ofMillis(1));

    first.replyTo().tell(Room.Answer.error(FrameId.of(2), ErrorCode.NOT_IN_ROOM, "gone"));

    var frames = new ArrayList<ServerFrame>();
    while (frames.size() < 2) {
      frames.addAll(sent());
    }
    assertEquals(
        List.of(ErrorCode.NOT_IN_ROOM, ErrorCode.TEXT_INVALID),
        frames.stream().map(frame -> ((ServerFrame.Error) frame).code()).toList());
    input.expectMessage(TestConnectionInput.Asked.READ_NEXT);
  }

  private static SharedFrames echoless(long seq, String text) {
    return SharedFrames.of(new ServerFrame.Message(null, "lobby", seq, "alice", text, null, null));
  }
}
