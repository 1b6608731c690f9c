package dev.parley.client;

import com.typesafe.config.Config;
import dev.parley.client.connection.Connection;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/** A connection that fails as it starts, as one with a bug would: its actor system just ends. */
public final class FailingConnection {

  private FailingConnection() {}

  public static ActorSystem<Connection.Command> system(String name, Config config) {
    return ActorSystem.create(
        Behaviors.setup(
            context -> {
              throw new IllegalStateException("a bug in the connection");
            }),
        name,
        config);
  }
}
