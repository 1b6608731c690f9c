package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Direct messages, accounts and blocks through a real server, with the client's own code. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class AccountsEndToEndTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  private record Client(ActorRef<Connection.Command> connection, RecordingView view) {

    void type(UserCommand command, ActorTestKit testKit) {
      connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
    }
  }

  private Client start(String nick, String password) {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.port", server.address().getPort(), "parley.client.nick", nick))
            .withFallback(TEST_CONFIG);
    var view = new RecordingView();
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), password, view));
    return new Client(connection, view);
  }

  /** A client in the lobby. */
  private Client connect(String nick, String password) {
    Client client = start(nick, password);
    assertEquals(nick, client.view().await(ServerFrame.Welcome.class).nick());
    client.view().await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return client;
  }

  private Client connect(String nick) {
    return connect(nick, null);
  }

  /** A client that made its nick an account, then quit. */
  private void registered(String nick, String password) {
    Client client = connect(nick);
    client.type(new UserCommand.Register(password), testKit);
    assertEquals(
        new ClientEvent.Registered(nick), client.view().await(ClientEvent.Registered.class));
    client.type(new UserCommand.Quit(null), testKit);
    client.view().await(ClientEvent.Closed.class);
  }

  @Test
  void twoClientsExchangeDirectMessages() {
    Client alice = connect("alice10");
    Client bob = connect("bob10");

    alice.type(new UserCommand.DirectMessage("BOB10", "just between us"), testKit);
    var echo = alice.view().await(ServerFrame.Direct.class);
    assertEquals("alice10", echo.from());
    assertEquals("bob10", echo.to());
    assertNull(echo.stored());
    var received = bob.view().await(ServerFrame.Direct.class);
    assertEquals("alice10", received.from());
    assertEquals("just between us", received.text());
    assertNull(received.offline());

    bob.type(new UserCommand.DirectMessage("alice10", "agreed"), testKit);
    assertEquals(
        "bob10",
        alice.view().await(ServerFrame.Direct.class, d -> d.text().equals("agreed")).from());
  }

  @Test
  void aDirectMessageToSomeoneUnknownIsRefused() {
    Client alice = connect("alice11");
    alice.type(new UserCommand.DirectMessage("nobody11", "hello?"), testKit);
    assertEquals(ErrorCode.NO_SUCH_USER, alice.view().await(ServerFrame.Error.class).code());
  }

  @Test
  void aDirectMessageToAnAccountOfflineComesAtItsNextLogin() {
    registered("carol12", "carol's secret");
    Client dave = connect("dave12");
    dave.type(new UserCommand.DirectMessage("carol12", "call me"), testKit);
    assertEquals(Boolean.TRUE, dave.view().await(ServerFrame.Direct.class).stored());

    // the mail comes right after the welcome, before the rooms
    Client carol = start("carol12", "carol's secret");
    carol.view().await(ServerFrame.Welcome.class);
    var mail = carol.view().await(ServerFrame.Direct.class);
    assertEquals("dave12", mail.from());
    assertEquals("call me", mail.text());
    assertEquals(Boolean.TRUE, mail.offline());
  }

  @Test
  void aRegisteredNickLogsInWithItsPasswordAndNotWithoutIt() {
    registered("erin13", "erin's secret");

    Client wrong = start("erin13", "not erin's secret");
    var refused = wrong.view().await(ClientEvent.PasswordWanted.class);
    assertTrue(refused.passwordTried());
    assertEquals(ErrorCode.AUTH_FAILED, refused.error().code());
    wrong.connection().tell(new Connection.TryPassword("erin's secret"));
    assertEquals("erin13", wrong.view().await(ServerFrame.Welcome.class).nick());

    Client none = start("ERIN13", null);
    var asked = none.view().await(ClientEvent.PasswordWanted.class);
    assertFalse(asked.passwordTried());
    assertEquals("ERIN13", asked.nick());
  }

  @Test
  void aBlockHidesRoomMessagesAndRefusesDirectMessages() {
    Client alice = connect("alice14");
    Client bob = connect("bob14");
    Client carol = connect("carol14");
    alice.view().await(ServerFrame.MemberJoined.class, j -> j.nick().equals("carol14"));

    alice.type(new UserCommand.Block("bob14"), testKit);
    assertEquals(new ClientEvent.Blocked("bob14"), alice.view().await(ClientEvent.Blocked.class));

    bob.type(new UserCommand.Say("can you hear me?"), testKit);
    bob.view().await(ServerFrame.Message.class, m -> m.text().equals("can you hear me?"));
    carol.type(new UserCommand.Say("after bob"), testKit);
    var seen = alice.view().messagesUntil("after bob");
    assertTrue(seen.stream().noneMatch(m -> m.from().equals("bob14")), seen.toString());

    bob.type(new UserCommand.DirectMessage("alice14", "psst"), testKit);
    assertEquals(ErrorCode.BLOCKED, bob.view().await(ServerFrame.Error.class).code());

    alice.type(new UserCommand.Unblock("bob14"), testKit);
    alice.view().await(ClientEvent.Unblocked.class);
    bob.type(new UserCommand.Say("heard now"), testKit);
    // the hole bob's hidden message left in the seqs was no gap to fill
    var next = alice.view().await(ServerFrame.Message.class);
    assertEquals("heard now", next.text());
    assertNull(next.replay());
    assertTrue(alice.view().shownSoFar(ClientEvent.GapLost.class).isEmpty());
  }
}
