package dev.parley.client;

import com.typesafe.config.Config;
import dev.parley.client.connection.Connection;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * A connection that fails as it starts, as one with a bug would: its actor system just ends. The
 * system has the client's own Pekko settings: it logs through SLF4J, into the test log, and prints
 * nothing on stdout.
 */
public final class FailingConnection {

  private FailingConnection() {}

  public static ActorSystem<Connection.Command> system(String name, Config config) {
    return ActorSystem.create(
        Behaviors.setup(
            context -> {
              throw new IllegalStateException("a bug in the connection");
            }),
        name,
        Main.actorSystemConfig(config));
  }
}
