package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import org.junit.jupiter.api.extension.RegisterExtension;

/** Two clients chat through a real server, each with the client's own connection code. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class ChatEndToEndTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  /** A client in the lobby. */
  private record Client(ActorRef<Connection.Command> connection, RecordingView view) {

    void type(UserCommand command, ActorTestKit testKit) {
      connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
    }
  }

  private Client connect(String nick) {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.port", server.address().getPort(), "parley.client.nick", nick))
            .withFallback(TEST_CONFIG);
    var view = new RecordingView();
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    assertEquals(nick, view.await(ServerFrame.Welcome.class).nick());
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return new Client(connection, view);
  }

  private static boolean from(ServerFrame.Message message, String nick, String text) {
    return message.from().equals(nick) && message.text().equals(text);
  }

  @Test
  void twoClientsChatInTheLobby() {
    Client alice = connect("alice1");
    Client bob = connect("bob1");
    alice.view().await(ServerFrame.MemberJoined.class, j -> j.nick().equals("bob1"));

    alice.type(new UserCommand.Say("hello bob"), testKit);
    bob.view().await(ServerFrame.Message.class, m -> from(m, "alice1", "hello bob"));
    alice.view().await(ServerFrame.Message.class, m -> from(m, "alice1", "hello bob"));

    bob.type(new UserCommand.Say("hi alice"), testKit);
    var reply = alice.view().await(ServerFrame.Message.class, m -> m.from().equals("bob1"));
    assertEquals("lobby", reply.room());
    assertEquals("hi alice", reply.text());
  }

  @Test
  void aCreatedRoomIsJoinedAndOthersTalkInItToo() {
    Client alice = connect("alice2");
    Client bob = connect("bob2");
    alice.type(new UserCommand.Create("dev2", "Developers"), testKit);
    alice.view().await(ClientEvent.PromptChanged.class, p -> "dev2".equals(p.room()));

    bob.type(new UserCommand.Join("dev2"), testKit);
    var joined = bob.view().await(ServerFrame.Joined.class, j -> j.room().equals("dev2"));
    assertEquals("Developers", joined.topic());
    bob.view().await(ClientEvent.PromptChanged.class, p -> "dev2".equals(p.room()));
    alice
        .view()
        .await(
            ServerFrame.MemberJoined.class,
            j -> j.nick().equals("bob2") && j.room().equals("dev2"));

    bob.type(new UserCommand.Say("first!"), testKit);
    var message = alice.view().await(ServerFrame.Message.class, m -> m.from().equals("bob2"));
    assertEquals("dev2", message.room());
  }

  @Test
  void theRoomCommandsAreAnswered() {
    Client alice = connect("alice3");
    Client bob = connect("bob3");
    alice.type(new UserCommand.Create("ops3", null), testKit);
    alice.view().await(ClientEvent.PromptChanged.class, p -> "ops3".equals(p.room()));
    bob.type(new UserCommand.Join("ops3"), testKit);
    // in the room, not the lobby, which bob joined at his welcome
    alice
        .view()
        .await(
            ServerFrame.MemberJoined.class,
            j -> j.nick().equals("bob3") && j.room().equals("ops3"));

    alice.type(new UserCommand.SetTopic("Deploys only"), testKit);
    assertEquals(
        "alice3",
        bob.view().await(ServerFrame.Topic.class, t -> t.topic().equals("Deploys only")).by());

    alice.type(new UserCommand.Who(null), testKit);
    assertEquals(
        List.of("alice3", "bob3"),
        alice.view().await(ServerFrame.Members.class).members().stream().sorted().toList());

    alice.type(UserCommand.ListRooms.INSTANCE, testKit);
    var rooms = alice.view().await(ServerFrame.RoomList.class).rooms();
    assertTrue(rooms.stream().anyMatch(r -> r.room().equals("ops3") && r.members() == 2));

    alice.type(new UserCommand.ListUsers(null), testKit);
    var users = alice.view().await(ServerFrame.Users.class).users();
    assertTrue(users.stream().anyMatch(u -> u.nick().equals("bob3") && u.online()));

    alice.type(new UserCommand.Say("one"), testKit);
    alice.type(new UserCommand.Say("two"), testKit);
    alice.view().await(ServerFrame.Message.class, m -> m.text().equals("two"));
    alice.type(new UserCommand.ShowHistory(1), testKit);
    var replayed = alice.view().await(ServerFrame.Message.class);
    assertEquals("two", replayed.text());
    assertEquals(Boolean.TRUE, replayed.replay());
    assertEquals(1, alice.view().await(ServerFrame.HistoryEnd.class).count());
  }

  @Test
  void awayAndBackAreSeenByTheOthers() {
    Client alice = connect("alice6");
    Client bob = connect("bob6");
    alice.view().await(ServerFrame.MemberJoined.class, j -> j.nick().equals("bob6"));

    bob.type(new UserCommand.Away("lunch"), testKit);
    assertEquals("lunch", bob.view().await(ClientEvent.AwayChanged.class).message());
    var away = alice.view().await(ServerFrame.MemberAway.class, a -> a.nick().equals("bob6"));
    assertEquals("lunch", away.away());
    alice.type(new UserCommand.ListUsers(null), testKit);
    var users = alice.view().await(ServerFrame.Users.class).users();
    assertTrue(users.stream().anyMatch(u -> u.nick().equals("bob6") && "lunch".equals(u.away())));

    bob.type(new UserCommand.Away(null), testKit);
    assertEquals(null, bob.view().await(ClientEvent.AwayChanged.class, c -> true).message());
    alice
        .view()
        .await(ServerFrame.MemberAway.class, a -> a.nick().equals("bob6") && a.away() == null);
  }

  @Test
  void leavingAndQuittingAreSeenByTheOthers() {
    Client alice = connect("alice4");
    Client bob = connect("bob4");
    alice.view().await(ServerFrame.MemberJoined.class, j -> j.nick().equals("bob4"));

    bob.type(new UserCommand.Leave("lobby"), testKit);
    assertEquals("lobby", bob.view().await(ServerFrame.Left.class).room());
    var left = alice.view().await(ServerFrame.MemberLeft.class, l -> l.nick().equals("bob4"));
    assertEquals(DepartureReason.LEFT, left.reason());

    alice.type(new UserCommand.Quit("later"), testKit);
    assertEquals(Connection.EXIT_OK, alice.view().await(ClientEvent.Closed.class).exitStatus());
  }

  @Test
  void aNickInUseIsRefused() {
    connect("alice5");
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.port",
                    server.address().getPort(),
                    "parley.client.nick",
                    "ALICE5"))
            .withFallback(TEST_CONFIG);
    var view = new RecordingView();
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    assertEquals(ErrorCode.NICK_TAKEN, view.await(ClientEvent.NickRefused.class).error().code());
    connection.tell(new Connection.TryNick("alice5b"));
    assertEquals("alice5b", view.await(ServerFrame.Welcome.class).nick());
  }
}
