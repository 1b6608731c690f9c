package dev.parley.client.terminal;

import dev.parley.client.connection.ChatView;
import dev.parley.client.connection.Connection;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;

/** Where a person (or a script) meets the connection: it reads input and shows what happens. */
public interface Console extends ChatView {

  /**
   * Reads input for {@code connection} until the session is over; returns the exit status. Input is
   * read on a thread of its own, which may still be blocked in a read when this returns.
   */
  int run(ActorRef<Connection.Command> connection, ActorSystem<?> system);
}
