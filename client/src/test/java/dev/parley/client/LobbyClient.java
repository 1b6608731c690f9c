package dev.parley.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import java.net.InetSocketAddress;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Someone in the lobby, on a connection of the project's own; {@code view} has what it was shown.
 */
public record LobbyClient(ActorRef<Connection.Command> connection, RecordingView view) {

  /** Connects as {@code nick} to {@code server} and waits until the lobby is the current room. */
  public static LobbyClient connect(
      ActorTestKit testKit, Config config, InetSocketAddress server, String nick) {
    var settings =
        ConfigFactory.parseMap(
                Map.of("parley.client.port", server.getPort(), "parley.client.nick", nick))
            .withFallback(config);
    var view = new RecordingView();
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(settings), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return new LobbyClient(connection, view);
  }

  /** Carries out {@code command} as if typed, without waiting for its answer. */
  public void type(UserCommand command, ActorTestKit testKit) {
    connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
  }

  /** Quits, and waits until the session is over. */
  public void quit() {
    connection.tell(new Connection.Close(null, Connection.EXIT_OK));
    view.await(ClientEvent.Closed.class);
  }
}
