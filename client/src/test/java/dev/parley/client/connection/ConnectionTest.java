package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The client's side of the protocol, against a server the test plays frame by frame. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class ConnectionTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  private final FakeServer server = new FakeServer();
  private final RecordingView view = new RecordingView();
  private final List<ActorRef<Connection.Command>> connections = new ArrayList<>();

  @AfterEach
  void stopClientsAndServer() throws IOException {
    connections.forEach(testKit::stop);
    server.close();
  }

  private ActorRef<Connection.Command> connect(Map<String, Object> overrides) {
    return connect(overrides, null);
  }

  private ActorRef<Connection.Command> connect(Map<String, Object> overrides, String password) {
    Map<String, Object> settings = new HashMap<>(overrides);
    settings.put("parley.client.port", server.port());
    settings.putIfAbsent("parley.client.nick", "alice");
    var config = ConfigFactory.parseMap(settings).withFallback(TEST_CONFIG);
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), password, view));
    connections.add(connection);
    return connection;
  }

  private ActorRef<Connection.Command> connect() {
    return connect(Map.of());
  }

  private void submit(ActorRef<Connection.Command> connection, UserCommand command) {
    connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
  }

  private static ServerFrame.Message live(long seq, String text) {
    return new ServerFrame.Message(null, "lobby", seq, "bob", text, T0.plusSeconds(seq), null);
  }

  private static ServerFrame.Message inDev(FrameId re, long seq, String from, String text) {
    return new ServerFrame.Message(re, "dev", seq, from, text, T0.plusSeconds(seq), true);
  }

  private static ServerFrame.Message replayed(FrameId re, long seq) {
    return new ServerFrame.Message(re, "lobby", seq, "bob", "m" + seq, T0.plusSeconds(seq), true);
  }

  @Test
  void saysHelloWithItsNickAndShowsTheWelcome() {
    connect();
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.welcome("alice");
    assertEquals("alice", hello.nick());
    assertEquals("parley-console", hello.client());
    assertNull(hello.password());
    assertEquals("alice", view.await(ServerFrame.Welcome.class).nick());
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
  }

  @Test
  void whatIsTypedBeforeTheWelcomeGoesOutOnceInTheRoom() {
    var connection = connect();
    submit(connection, new UserCommand.Say("early bird"));
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    assertEquals(
        new ClientFrame.Say(null, "lobby", "early bird"),
        withoutId(peer.expect(ClientFrame.Say.class)));
  }

  @Test
  void whatIsTypedOnceTheFirstConnectionFailedIsRefusedForNow() throws IOException {
    server.close();
    var connection = connect();
    TestProbe<Connection.Outcome> asker = testKit.createTestProbe();
    connection.tell(new Connection.Submit(new UserCommand.Say("too early"), asker.getRef()));
    view.await(ClientEvent.ConnectFailed.class);
    asker.expectMessage(Connection.TryAgain.INSTANCE);
    assertEquals(
        "not connected: nothing sent, try again", view.await(ClientEvent.NotSent.class).reason());

    connection.tell(new Connection.Submit(new UserCommand.Say("still early"), asker.getRef()));
    asker.expectMessage(Connection.TryAgain.INSTANCE);
  }

  @Test
  void theAskerHearsWhenTheServerAnswered() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    TestProbe<Connection.Outcome> asker = testKit.createTestProbe();
    connection.tell(new Connection.Submit(UserCommand.ListRooms.INSTANCE, asker.getRef()));
    ClientFrame.Rooms rooms = peer.expect(ClientFrame.Rooms.class);
    asker.expectNoMessage();
    peer.send(new ServerFrame.RoomList(rooms.id(), List.of()));
    asker.expectMessage(Connection.Answered.INSTANCE);
  }

  /** Answers a rooms request with a page that has more after it; the request for the next. */
  private static ClientFrame.Rooms firstOfTwoPagesSent(FakeServer.Peer peer) {
    ClientFrame.Rooms first = peer.expect(ClientFrame.Rooms.class);
    assertNull(first.after());
    peer.send(
        new ServerFrame.RoomList(
            first.id(), List.of(new ServerFrame.RoomSummary("alpha", 1, null)), "alpha"));
    ClientFrame.Rooms second = peer.expect(ClientFrame.Rooms.class);
    assertEquals("alpha", second.after());
    return second;
  }

  @Test
  void roomNamesForCompletionAreFetchedPageByPageWithoutShowingThem() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    // before the welcome arrived there is nothing to ask
    view.await(ClientEvent.PromptChanged.class, p -> p.online());
    TestProbe<List<String>> asker = testKit.createTestProbe();
    connection.tell(new Connection.FetchRoomNames(asker.getRef()));
    ClientFrame.Rooms second = firstOfTwoPagesSent(peer);
    asker.expectNoMessage();
    peer.send(
        new ServerFrame.RoomList(
            second.id(), List.of(new ServerFrame.RoomSummary("beta", 2, "b")), null));
    assertEquals(List.of("alpha", "beta"), asker.receiveMessage());
    assertEquals(List.of(), view.shownSoFar(ServerFrame.RoomList.class));

    // a refusal gives what came before it, and shows nothing either
    connection.tell(new Connection.FetchRoomNames(asker.getRef()));
    ClientFrame.Rooms refused = peer.expect(ClientFrame.Rooms.class);
    peer.send(new ServerFrame.Error(refused.id(), ErrorCode.BAD_REQUEST, "no", null));
    assertEquals(List.of(), asker.receiveMessage());
    assertEquals(List.of(), view.shownSoFar(ServerFrame.Error.class));
  }

  @Test
  void roomNamesAreNotFetchedWhileOffline() throws IOException {
    server.close();
    var connection = connect();
    view.await(ClientEvent.ConnectFailed.class);
    TestProbe<List<String>> asker = testKit.createTestProbe();
    connection.tell(new Connection.FetchRoomNames(asker.getRef()));
    assertEquals(List.of(), asker.receiveMessage());
  }

  @Test
  void roomsComeInPagesUntilTheLastAndTheAskerHearsOnceAllCame() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    TestProbe<Connection.Outcome> asker = testKit.createTestProbe();
    connection.tell(new Connection.Submit(UserCommand.ListRooms.INSTANCE, asker.getRef()));
    ClientFrame.Rooms second = firstOfTwoPagesSent(peer);
    asker.expectNoMessage();
    peer.send(
        new ServerFrame.RoomList(
            second.id(), List.of(new ServerFrame.RoomSummary("beta", 2, "b")), null));
    asker.expectMessage(Connection.Answered.INSTANCE);
    assertEquals(
        List.of("alpha", "beta"),
        view.shownSoFar(ServerFrame.RoomList.class).stream()
            .flatMap(list -> list.rooms().stream())
            .map(ServerFrame.RoomSummary::room)
            .toList());
  }

  @Test
  void joiningARoomMakesItTheCurrentOne() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Join("dev"));
    ClientFrame.Join join = peer.expect(ClientFrame.Join.class);
    assertEquals("dev", join.room());
    peer.send(new ServerFrame.Joined(join.id(), "Dev", "", List.of("alice"), 0));
    view.await(ClientEvent.PromptChanged.class, p -> "Dev".equals(p.room()));
    submit(connection, new UserCommand.Say("hi dev"));
    assertEquals("Dev", peer.expect(ClientFrame.Say.class).room());
    submit(connection, new UserCommand.Who(null));
    assertEquals("Dev", peer.expect(ClientFrame.Who.class).room());
  }

  @Test
  void leavingTheCurrentRoomFallsBackToAnotherAndThenToNone() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Join("dev"));
    ClientFrame.Join join = peer.expect(ClientFrame.Join.class);
    peer.send(new ServerFrame.Joined(join.id(), "dev", null, List.of("alice"), 0));
    view.await(ClientEvent.PromptChanged.class, p -> "dev".equals(p.room()));
    submit(connection, new UserCommand.Leave(null));
    ClientFrame.Leave leave = peer.expect(ClientFrame.Leave.class);
    assertEquals("dev", leave.room());
    peer.send(new ServerFrame.Left(leave.id(), "dev"));
    view.await(ServerFrame.Left.class);
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    submit(connection, new UserCommand.Leave(null));
    leave = peer.expect(ClientFrame.Leave.class);
    peer.send(new ServerFrame.Left(leave.id(), "lobby"));
    view.await(ClientEvent.PromptChanged.class, p -> p.room() == null);
    submit(connection, new UserCommand.Say("anyone?"));
    assertEquals(
        "you are in no room: /join one first", view.await(ClientEvent.NotSent.class).reason());
  }

  @Test
  void beingKickedOutOfTheCurrentRoomFallsBackToAnother() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Join("dev"));
    ClientFrame.Join join = peer.expect(ClientFrame.Join.class);
    peer.send(new ServerFrame.Joined(join.id(), "dev", null, List.of("alice", "bob"), 0));
    view.await(ClientEvent.PromptChanged.class, p -> "dev".equals(p.room()));

    peer.send(new ServerFrame.Kicked("dev", "bob", "spamming", Instant.now()));

    assertEquals("bob", view.await(ServerFrame.Kicked.class).by());
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    submit(connection, new UserCommand.Say("hi"));
    assertEquals("lobby", peer.expect(ClientFrame.Say.class).room());
  }

  @Test
  void aGapIsFilledWithHistoryInBatchesInOrder() {
    connect(Map.of("parley.client.gap-fill-batch", 3));
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(live(4, "m4"), new ServerFrame.Gap("lobby", 5, 10), live(11, "m11"));
    ClientFrame.History first = peer.expect(ClientFrame.History.class);
    assertEquals(new ClientFrame.History(null, "lobby", null, 4L, 3), withoutId(first));
    peer.send(
        replayed(first.id(), 5),
        replayed(first.id(), 6),
        replayed(first.id(), 7),
        new ServerFrame.HistoryEnd(first.id(), "lobby", 3));
    ClientFrame.History second = peer.expect(ClientFrame.History.class);
    assertEquals(new ClientFrame.History(null, "lobby", null, 7L, 3), withoutId(second));
    peer.send(
        replayed(second.id(), 8),
        replayed(second.id(), 9),
        replayed(second.id(), 10),
        new ServerFrame.HistoryEnd(second.id(), "lobby", 3));
    assertEquals("m4", view.await(ServerFrame.Message.class).text());
    view.await(ServerFrame.Gap.class);
    List<Long> shown = view.messagesUntil("m10").stream().map(ServerFrame.Message::seq).toList();
    assertEquals(List.of(11L, 5L, 6L, 7L, 8L, 9L, 10L), shown);
  }

  @Test
  void aGapTheServerNoLongerKeepsIsReported() {
    connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(new ServerFrame.Gap("lobby", 2, 3));
    ClientFrame.History history = peer.expect(ClientFrame.History.class);
    assertEquals(new ClientFrame.History(null, "lobby", null, 1L, 2), withoutId(history));
    peer.send(new ServerFrame.HistoryEnd(history.id(), "lobby", 0));
    assertEquals(new ClientEvent.GapLost("lobby", 2, 3), view.await(ClientEvent.GapLost.class));
  }

  @Test
  void aRefusedNickAsksForAnother() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.expect(ClientFrame.Hello.class);
    peer.send(new ServerFrame.Error(hello.id(), ErrorCode.NICK_TAKEN, "alice is taken", null));
    assertEquals(ErrorCode.NICK_TAKEN, view.await(ClientEvent.NickRefused.class).error().code());
    connection.tell(new Connection.TryNick("alice2"));
    assertEquals("alice2", peer.expect(ClientFrame.Hello.class).nick());
  }

  @Test
  void quittingEndsTheSessionWithStatusZero() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    // until the client has seen the connection up, a quit just closes it
    view.await(ServerFrame.Welcome.class);
    submit(connection, new UserCommand.Quit("see you"));
    assertEquals("see you", peer.expect(ClientFrame.Quit.class).text());
    peer.send(new ServerFrame.Bye(DepartureReason.QUIT, null));
    assertEquals(Connection.EXIT_OK, view.await(ClientEvent.Closed.class).exitStatus());
    assertTrue(peer.closedByClient());
  }

  // replaced: another client of the account took the nick over, and is not to be taken back
  @ParameterizedTest
  @EnumSource(
      value = DepartureReason.class,
      names = {"KICKED", "REPLACED"})
  void aByeForAnotherReasonEndsTheSessionWithAnError(DepartureReason reason) {
    connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(new ServerFrame.Bye(reason, "gone"));
    assertEquals(reason, view.await(ServerFrame.Bye.class).reason());
    assertEquals(
        new ClientEvent.Closed(reason.wireName(), Connection.EXIT_ERROR),
        view.await(ClientEvent.Closed.class));
  }

  @Test
  void aQuietConnectionIsKeptAliveWithPings() {
    connect(Map.of("parley.client.ping-interval", "100ms"));
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    ClientFrame.Ping settle = peer.expect(ClientFrame.Ping.class);
    peer.send(new ServerFrame.Pong(settle.id()));
    for (int i = 0; i < 3; i++) {
      ClientFrame.Ping ping = peer.expect(ClientFrame.Ping.class);
      peer.send(new ServerFrame.Pong(ping.id()));
    }
  }

  @Test
  void aServerThatStopsAnsweringCountsAsLost() {
    connect(Map.of("parley.client.ping-interval", "100ms"));
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    ClientFrame.Ping settle = peer.expect(ClientFrame.Ping.class);
    peer.send(new ServerFrame.Pong(settle.id()));
    var lost = view.await(ClientEvent.ConnectionLost.class);
    assertTrue(lost.reason().startsWith("no answer from the server"), lost.reason());
    server.accept().expect(ClientFrame.Hello.class);
  }

  @Test
  void aLostConnectionComesBackWithTheSameNickAndRooms() throws IOException {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Join("dev"));
    ClientFrame.Join join = peer.expect(ClientFrame.Join.class);
    peer.send(new ServerFrame.Joined(join.id(), "dev", null, List.of("alice"), 0));
    view.await(ClientEvent.PromptChanged.class, p -> "dev".equals(p.room()));
    peer.close();

    view.await(ClientEvent.ConnectionLost.class);
    view.await(ClientEvent.PromptChanged.class, p -> !p.online());
    submit(connection, new UserCommand.Say("into the void"));
    assertEquals(
        "not connected: nothing sent, try again", view.await(ClientEvent.NotSent.class).reason());

    FakeServer.Peer again = server.accept();
    assertEquals("alice", again.welcome("alice").nick());
    assertEquals("lobby", again.expect(ClientFrame.Join.class).room());
    ClientFrame.Join rejoin = again.expect(ClientFrame.Join.class);
    assertEquals("dev", rejoin.room());
    again.send(new ServerFrame.Joined(rejoin.id(), "dev", null, List.of("alice"), 0));
    view.await(ClientEvent.PromptChanged.class, p -> "dev".equals(p.room()) && p.online());
    submit(connection, new UserCommand.Say("back"));
    assertEquals("dev", again.expect(ClientFrame.Say.class).room());
  }

  @Test
  void aReconnectTriesItsNickAgainWhileTheServerHoldsItThenAsksForAnother() throws IOException {
    connect(Map.of("parley.client.reconnect.held-nick-retries", 2));
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    view.await(ServerFrame.Welcome.class);
    peer.close();
    view.await(ClientEvent.ConnectionLost.class);

    FakeServer.Peer again = server.accept();
    for (int attempt = 1; attempt <= 2; attempt++) {
      ClientFrame.Hello hello = again.expect(ClientFrame.Hello.class);
      assertEquals("alice", hello.nick());
      again.send(new ServerFrame.Error(hello.id(), ErrorCode.NICK_TAKEN, "alice is taken", null));
      assertEquals("alice", view.await(ClientEvent.NickHeld.class).nick());
    }
    ClientFrame.Hello last = again.expect(ClientFrame.Hello.class);
    assertEquals("alice", last.nick());
    again.send(new ServerFrame.Error(last.id(), ErrorCode.NICK_TAKEN, "alice is taken", null));
    assertEquals(ErrorCode.NICK_TAKEN, view.await(ClientEvent.NickRefused.class).error().code());
  }

  @Test
  void aNickTakenAtTheFirstHelloIsNotTriedAgain() {
    connect();
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.expect(ClientFrame.Hello.class);
    peer.send(new ServerFrame.Error(hello.id(), ErrorCode.NICK_TAKEN, "alice is taken", null));
    view.await(ClientEvent.NickRefused.class);
    assertEquals(List.of(), view.shownSoFar(ClientEvent.NickHeld.class));
  }

  @Test
  void afterAReconnectAReplayThatBeginsPastWhatWasShownIsFilled() throws IOException {
    connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(live(1, "m1"), live(2, "m2"), live(3, "m3"));
    view.messagesUntil("m3");
    peer.close();
    view.await(ClientEvent.ConnectionLost.class);

    FakeServer.Peer again = server.accept();
    ClientFrame.Hello hello = again.expect(ClientFrame.Hello.class);
    again.send(
        new ServerFrame.Welcome(hello.id(), "alice", 1, "fake", null),
        new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 3),
        replayed(null, 6),
        replayed(null, 7),
        replayed(null, 8));
    assertEquals("lobby", again.expect(ClientFrame.Join.class).room());
    ClientFrame.History missed = again.expect(ClientFrame.History.class);
    assertEquals(new ClientFrame.History(null, "lobby", null, 3L, 2), withoutId(missed));
    again.send(
        replayed(missed.id(), 4),
        replayed(missed.id(), 5),
        new ServerFrame.HistoryEnd(missed.id(), "lobby", 2));
    List<Long> shown = view.messagesUntil("m5").stream().map(ServerFrame.Message::seq).toList();
    assertEquals(List.of(6L, 7L, 8L, 4L, 5L), shown);
  }

  @Test
  void aRejoinAsksForWhatCameAfterTheLastMessageShownAndFillsTheServersGapOnce()
      throws IOException {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(live(1, "m1"), live(2, "m2"), live(3, "m3"));
    view.messagesUntil("m3");
    peer.close();
    view.await(ClientEvent.ConnectionLost.class);

    FakeServer.Peer again = server.accept();
    ClientFrame.Hello hello = again.expect(ClientFrame.Hello.class);
    again.send(
        new ServerFrame.Welcome(hello.id(), "alice", 1, "fake", null),
        new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 1),
        replayed(null, 9),
        new ServerFrame.Gap("lobby", 4, 8));
    ClientFrame.Join rejoin = again.expect(ClientFrame.Join.class);
    assertEquals("lobby", rejoin.room());
    assertEquals(3L, rejoin.afterSeq());
    ClientFrame.History missed = again.expect(ClientFrame.History.class);
    assertEquals(new ClientFrame.History(null, "lobby", null, 3L, 5), withoutId(missed));
    again.send(new ServerFrame.HistoryEnd(missed.id(), "lobby", 0));
    submit(connection, new UserCommand.Say("back"));
    // the gap the replay's first message tells of and the server's gap are one: no second fill
    assertEquals("back", again.expect(ClientFrame.Say.class).text());
  }

  @Test
  void holesInAReplayAreMessagesWithheldNotMissed() throws IOException {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(live(1, "m1"), live(2, "m2"), live(3, "m3"));
    view.messagesUntil("m3");
    peer.close();
    view.await(ClientEvent.ConnectionLost.class);

    FakeServer.Peer again = server.accept();
    ClientFrame.Hello hello = again.expect(ClientFrame.Hello.class);
    // 4 and 5 are from someone alice blocks: the server does not send them
    again.send(
        new ServerFrame.Welcome(hello.id(), "alice", 1, "fake", null),
        new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 4),
        replayed(null, 3),
        replayed(null, 6),
        replayed(null, 7),
        replayed(null, 8));
    assertEquals("lobby", again.expect(ClientFrame.Join.class).room());
    List<Long> shown = view.messagesUntil("m8").stream().map(ServerFrame.Message::seq).toList();
    assertEquals(List.of(6L, 7L, 8L), shown);
    submit(connection, UserCommand.ListRooms.INSTANCE);
    again.expect(ClientFrame.Rooms.class);
  }

  @Test
  void aHoleInLiveMessagesIsNoGap() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(live(1, "m1"), live(4, "m4"));
    assertEquals(
        List.of(1L, 4L), view.messagesUntil("m4").stream().map(ServerFrame.Message::seq).toList());
    submit(connection, UserCommand.ListRooms.INSTANCE);
    peer.expect(ClientFrame.Rooms.class);
  }

  @Test
  void aBlockedSendersMessagesAreHiddenWhereTheServerStillSendsThem() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Block("Bob"));
    ClientFrame.Block block = peer.expect(ClientFrame.Block.class);
    assertEquals("Bob", block.nick());
    peer.send(new ServerFrame.Ok(block.id()));
    assertEquals(new ClientEvent.Blocked("Bob"), view.await(ClientEvent.Blocked.class));

    submit(connection, new UserCommand.Join("dev"));
    ClientFrame.Join join = peer.expect(ClientFrame.Join.class);
    peer.send(
        new ServerFrame.Joined(join.id(), "dev", null, List.of("alice", "bob", "carol"), 3),
        inDev(join.id(), 1, "bob", "hidden one"),
        inDev(join.id(), 2, "carol", "c2"),
        inDev(join.id(), 3, "bob", "hidden two"),
        new ServerFrame.Message(null, "dev", 5, "carol", "c5", T0.plusSeconds(5), null));
    assertEquals(
        List.of("c2", "c5"),
        view.messagesUntil("c5").stream().map(ServerFrame.Message::text).toList());

    submit(connection, new UserCommand.ShowHistory(2));
    ClientFrame.History history = peer.expect(ClientFrame.History.class);
    peer.send(
        inDev(history.id(), 3, "bob", "hidden two"),
        new ServerFrame.Message(history.id(), "dev", 6, "carol", "c6", T0, true),
        new ServerFrame.HistoryEnd(history.id(), "dev", 2));
    assertEquals("c6", view.await(ServerFrame.Message.class).text());

    submit(connection, new UserCommand.Unblock("bob"));
    ClientFrame.Unblock unblock = peer.expect(ClientFrame.Unblock.class);
    peer.send(new ServerFrame.Ok(unblock.id()));
    view.await(ClientEvent.Unblocked.class);
    peer.send(new ServerFrame.Message(null, "dev", 7, "bob", "seen again", T0, null));
    assertEquals("bob", view.await(ServerFrame.Message.class).from());
  }

  @Test
  void aBlockTheServerAlreadyHadIsLearned() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Block("bob"));
    ClientFrame.Block block = peer.expect(ClientFrame.Block.class);
    peer.send(
        new ServerFrame.Error(
            block.id(), ErrorCode.ALREADY_BLOCKED, "you block bob already", null));
    view.await(ServerFrame.Error.class);
    submit(connection, new UserCommand.ShowHistory(1));
    ClientFrame.History history = peer.expect(ClientFrame.History.class);
    peer.send(
        new ServerFrame.Message(history.id(), "lobby", 1, "bob", "hidden", T0, true),
        new ServerFrame.HistoryEnd(history.id(), "lobby", 1));
    // nothing of bob's shows before the end of the history
    assertInstanceOf(ServerFrame.HistoryEnd.class, view.await(ServerFrame.class));
  }

  @Test
  void anAccountsNickSaysHelloAgainWithThePasswordItWasGiven() throws IOException {
    connect(Map.of(), "correct horse");
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello first = peer.expect(ClientFrame.Hello.class);
    assertNull(first.password(), "no password until the server asks for one");
    peer.send(
        new ServerFrame.Error(
            first.id(),
            ErrorCode.AUTH_FAILED,
            "nick alice is registered; give its password",
            null));
    ClientFrame.Hello second = peer.expect(ClientFrame.Hello.class);
    assertEquals("alice", second.nick());
    assertEquals("correct horse", second.password());
    peer.send(new ServerFrame.Welcome(second.id(), "alice", 1, "fake", null));
    view.await(ServerFrame.Welcome.class);
    peer.close();

    // a reconnect logs in again by itself, password and all
    assertEquals("correct horse", server.accept().expect(ClientFrame.Hello.class).password());
  }

  @Test
  void aNickThatNeedsAPasswordWaitsForOne() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.expect(ClientFrame.Hello.class);
    var registered =
        new ServerFrame.Error(
            hello.id(), ErrorCode.AUTH_FAILED, "nick alice is registered; give its password", null);
    peer.send(registered);
    assertEquals(
        new ClientEvent.PasswordWanted("alice", registered, false),
        view.await(ClientEvent.PasswordWanted.class));

    connection.tell(new Connection.TryPassword("wrong password"));
    hello = peer.expect(ClientFrame.Hello.class);
    assertEquals("wrong password", hello.password());
    peer.send(
        new ServerFrame.Error(
            hello.id(), ErrorCode.AUTH_FAILED, "no account matches that nick and password", null));
    assertTrue(view.await(ClientEvent.PasswordWanted.class).passwordTried());

    connection.tell(new Connection.TryPassword("right password"));
    hello = peer.expect(ClientFrame.Hello.class);
    assertEquals("right password", hello.password());
  }

  @Test
  void aLockedOutAccountWaitsForTheUserWhoMayPickAnotherNick() {
    var connection = connect(Map.of(), "some password");
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.expect(ClientFrame.Hello.class);
    peer.send(new ServerFrame.Error(hello.id(), ErrorCode.AUTH_FAILED, "registered", null));
    hello = peer.expect(ClientFrame.Hello.class);
    peer.send(new ServerFrame.Error(hello.id(), ErrorCode.LOCKED_OUT, "wait", 42L));
    var wanted = view.await(ClientEvent.PasswordWanted.class);
    assertEquals(ErrorCode.LOCKED_OUT, wanted.error().code());
    assertEquals(42L, wanted.error().retryAfterS());

    connection.tell(new Connection.TryNick("alice_"));
    hello = peer.expect(ClientFrame.Hello.class);
    assertEquals("alice_", hello.nick());
    assertNull(hello.password(), "the password was for alice");
  }

  @Test
  void aServerThatGaveUpWaitingForTheHelloIsReachedAgainWithTheAnswer() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    ClientFrame.Hello hello = peer.expect(ClientFrame.Hello.class);
    peer.send(new ServerFrame.Error(hello.id(), ErrorCode.AUTH_FAILED, "registered", null));
    view.await(ClientEvent.PasswordWanted.class);
    peer.send(new ServerFrame.Bye(DepartureReason.HELLO_TIMEOUT, "no hello in time"));
    assertTrue(peer.closedByClient());
    assertNull(view.await(ClientEvent.ConnectionLost.class).retryIn());

    connection.tell(new Connection.TryPassword("typed slowly"));
    hello = server.accept().expect(ClientFrame.Hello.class);
    assertEquals("alice", hello.nick());
    assertEquals("typed slowly", hello.password());
  }

  @Test
  void registeringKeepsThePasswordForTheNextLogin() throws IOException {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Register("new password"));
    ClientFrame.Register register = peer.expect(ClientFrame.Register.class);
    assertEquals("new password", register.password());
    peer.send(new ServerFrame.Ok(register.id()));
    assertEquals(new ClientEvent.Registered("alice"), view.await(ClientEvent.Registered.class));
    peer.close();

    assertEquals("new password", server.accept().expect(ClientFrame.Hello.class).password());
  }

  @Test
  void aRegisterWithoutAPasswordIsNotSent() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    submit(connection, new UserCommand.Register(null));
    assertEquals("no password given: nothing sent", view.await(ClientEvent.NotSent.class).reason());
  }

  @Test
  void aServerThatCannotBeReachedIsReportedAndTriedAgain() throws IOException {
    server.close();
    var connection = connect();
    var failed = view.await(ClientEvent.ConnectFailed.class);
    assertFalse(failed.everConnected());
    view.await(ClientEvent.ConnectFailed.class);
    connection.tell(new Connection.Close(null, 3));
    assertEquals(3, view.await(ClientEvent.Closed.class).exitStatus());
  }

  private static ClientFrame withoutId(ClientFrame frame) {
    if (frame instanceof ClientFrame.Say say) {
      return new ClientFrame.Say(null, say.room(), say.text());
    }
    if (frame instanceof ClientFrame.History history) {
      return new ClientFrame.History(
          null, history.room(), history.beforeSeq(), history.afterSeq(), history.limit());
    }
    return assertInstanceOf(ClientFrame.class, frame);
  }
}
