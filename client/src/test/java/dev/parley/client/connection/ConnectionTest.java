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
    Map<String, Object> settings = new HashMap<>(overrides);
    settings.put("parley.client.port", server.port());
    settings.putIfAbsent("parley.client.nick", "alice");
    var config = ConfigFactory.parseMap(settings).withFallback(TEST_CONFIG);
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
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
  void theAskerHearsWhenTheServerAnswered() {
    var connection = connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    TestProbe<Connection.Answered> asker = testKit.createTestProbe();
    connection.tell(new Connection.Submit(UserCommand.ListRooms.INSTANCE, asker.getRef()));
    ClientFrame.Rooms rooms = peer.expect(ClientFrame.Rooms.class);
    asker.expectNoMessage();
    peer.send(new ServerFrame.RoomList(rooms.id(), List.of()));
    asker.expectMessage(Connection.Answered.INSTANCE);
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
    submit(connection, new UserCommand.Quit("see you"));
    assertEquals("see you", peer.expect(ClientFrame.Quit.class).text());
    peer.send(new ServerFrame.Bye(DepartureReason.QUIT, null));
    assertEquals(Connection.EXIT_OK, view.await(ClientEvent.Closed.class).exitStatus());
    assertTrue(peer.closedByClient());
  }

  @Test
  void aByeForAnotherReasonEndsTheSessionWithAnError() {
    connect();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    peer.send(new ServerFrame.Bye(DepartureReason.KICKED, "behave"));
    assertEquals(DepartureReason.KICKED, view.await(ServerFrame.Bye.class).reason());
    assertEquals(
        new ClientEvent.Closed("kicked", Connection.EXIT_ERROR),
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
  void afterAReconnectTheReplayShowsOnlyWhatWasMissed() throws IOException {
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
        new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 4),
        replayed(null, 3),
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
