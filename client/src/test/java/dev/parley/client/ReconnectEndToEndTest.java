package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Clients come back by themselves when the server restarts on the same port. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class ReconnectEndToEndTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  private ActorRef<Connection.Command> connect(int port, String nick, RecordingView view) {
    var config =
        ConfigFactory.parseMap(Map.of("parley.client.port", port, "parley.client.nick", nick))
            .withFallback(TEST_CONFIG);
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    view.await(ServerFrame.Welcome.class);
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return connection;
  }

  /** A client in the lobby through {@code relay}, which reconnects within a second or two. */
  private ActorRef<Connection.Command> connectThrough(
      Relay relay, String nick, RecordingView view) {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.port",
                    relay.port(),
                    "parley.client.nick",
                    nick,
                    "parley.client.reconnect.min-backoff",
                    "200ms",
                    "parley.client.reconnect.max-backoff",
                    "2s"))
            .withFallback(TEST_CONFIG);
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
    return connection;
  }

  private void type(ActorRef<Connection.Command> connection, UserCommand command) {
    connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
  }

  @Test
  void ownMessagesAreNotShownAgainWhenTheServerComesBackWithItsHistory(@TempDir Path data) {
    Config stored =
        ConfigFactory.parseMap(
                Map.of("parley.persistence.store", "h2", "parley.data-dir", data.toString()))
            .withFallback(TEST_CONFIG);
    ParleyServer first = ParleyServer.start(stored);
    int port = first.address().getPort();
    var aliceView = new RecordingView();
    var bobView = new RecordingView();
    var alice = connect(port, "alice", aliceView);
    var bob = connect(port, "bob", bobView);
    type(bob, new UserCommand.Say("from bob"));
    aliceView.await(ServerFrame.Message.class, m -> m.text().equals("from bob"));
    type(alice, new UserCommand.Say("from alice"));
    aliceView.await(ServerFrame.Message.class, m -> m.text().equals("from alice"));

    first.close();
    aliceView.await(ClientEvent.PromptChanged.class, p -> !p.online());
    ParleyServer second = RunningServer.startOn(port, stored);
    try {
      aliceView.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
      type(alice, new UserCommand.Say("back again"));
      aliceView.await(ServerFrame.Message.class, m -> m.text().equals("back again"));
      List<String> shownTwice =
          aliceView.shownSoFar(ServerFrame.Message.class).stream()
              .filter(m -> Boolean.TRUE.equals(m.replay()))
              .map(ServerFrame.Message::text)
              .toList();
      assertEquals(List.of(), shownTwice);
    } finally {
      second.close();
    }
  }

  @Test
  void aReconnectWaitsForTheServerToLetGoOfTheLostSessionsNick() throws IOException {
    ParleyServer server = ParleyServer.start(TEST_CONFIG);
    try (var relay = new Relay(server.address())) {
      var view = new RecordingView();
      connectThrough(relay, "nell", view);

      relay.dropClients();
      view.await(ClientEvent.ConnectionLost.class);
      assertEquals("nell", view.await(ClientEvent.NickHeld.class).nick());
      relay.releaseHeld();

      assertEquals("nell", view.await(ServerFrame.Welcome.class).nick());
      view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
      assertEquals(List.of(), view.shownSoFar(ClientEvent.NickRefused.class));
    } finally {
      server.close();
    }
  }

  @Test
  void aReconnectWithTheAccountsPasswordTakesTheNickOverFromTheLostSession() throws IOException {
    ParleyServer server = ParleyServer.start(TEST_CONFIG);
    try (var relay = new Relay(server.address())) {
      var view = new RecordingView();
      var connection = connectThrough(relay, "rita", view);
      type(connection, new UserCommand.Register("rita's password"));
      view.await(ClientEvent.Registered.class);

      // the server holds the lost session until the test lets it go, which it never does
      relay.dropClients();
      view.await(ClientEvent.ConnectionLost.class);
      assertEquals("rita", view.await(ServerFrame.Welcome.class).nick());
      view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
      assertEquals(List.of(), view.shownSoFar(ClientEvent.NickHeld.class));
    } finally {
      server.close();
    }
  }

  @Test
  void anAwayIsSetAgainOnTheSessionAfterAReconnect() {
    ParleyServer first = ParleyServer.start(TEST_CONFIG);
    int port = first.address().getPort();
    var aliceView = new RecordingView();
    var alice = connect(port, "alice", aliceView);
    type(alice, new UserCommand.Away("back at two"));
    aliceView.await(ClientEvent.AwayChanged.class);

    first.close();
    aliceView.await(ClientEvent.PromptChanged.class, p -> !p.online());
    ParleyServer second = RunningServer.startOn(port, TEST_CONFIG);
    try {
      aliceView.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
      // answered after the away that the new session was given at its welcome
      type(alice, new UserCommand.ListUsers(null));
      var users = aliceView.await(ServerFrame.Users.class).users();

      assertEquals(
          List.of("back at two"), users.stream().map(ServerFrame.UserPresence::away).toList());
      // that answer is the client's own business: the user was told before
      assertEquals(1, aliceView.shownSoFar(ClientEvent.AwayChanged.class).size());
      assertEquals(List.of(), aliceView.shownSoFar(ServerFrame.Ok.class));
    } finally {
      second.close();
    }
  }

  @Test
  void clientsReconnectWithTheirNicksAndRoomsAfterTheServerRestarts() {
    ParleyServer first = ParleyServer.start(TEST_CONFIG);
    int port = first.address().getPort();
    var aliceView = new RecordingView();
    var bobView = new RecordingView();
    var alice = connect(port, "alice", aliceView);
    connect(port, "bob", bobView);
    type(alice, new UserCommand.Create("ephemeral", null));
    aliceView.await(ClientEvent.PromptChanged.class, p -> "ephemeral".equals(p.room()));
    type(alice, new UserCommand.Join("lobby"));
    aliceView.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));

    first.close();
    assertEquals(DepartureReason.SHUTDOWN, aliceView.await(ServerFrame.Bye.class).reason());
    aliceView.await(ClientEvent.ConnectionLost.class);
    aliceView.await(ClientEvent.PromptChanged.class, p -> !p.online());

    ParleyServer second = RunningServer.startOn(port, TEST_CONFIG);
    try {
      assertEquals("alice", aliceView.await(ServerFrame.Welcome.class).nick());
      assertEquals("bob", bobView.await(ServerFrame.Welcome.class).nick());
      // the new server does not keep rooms: the rejoin of the created one is refused, and said so
      assertEquals(ErrorCode.NO_SUCH_ROOM, aliceView.await(ServerFrame.Error.class).code());
      aliceView.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());
      bobView.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()) && p.online());

      type(alice, new UserCommand.Say("we are back"));
      var message = bobView.await(ServerFrame.Message.class, m -> m.from().equals("alice"));
      assertEquals("we are back", message.text());
    } finally {
      second.close();
    }
  }
}
