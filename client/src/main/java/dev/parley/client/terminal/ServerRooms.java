package dev.parley.client.terminal;

import dev.parley.client.connection.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * Fetches the names of the server's rooms into {@link SeenNames} when Tab completes a room to join:
 * at most once per {@link #FRESH}, and never holding the line editor longer than the timeout.
 */
final class ServerRooms implements Runnable {

  private static final Duration FRESH = Duration.ofSeconds(30);

  private final SeenNames names;
  private final Duration timeout;
  private volatile ActorRef<Connection.Command> connection;
  private volatile ActorSystem<?> system;
  private long fetchedAt;
  private boolean fetched;

  ServerRooms(SeenNames names, Duration timeout) {
    this.names = names;
    this.timeout = timeout;
  }

  /** From now on rooms are fetched through {@code connection}. */
  void fetchThrough(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    this.system = system;
    this.connection = connection;
  }

  @Override
  public synchronized void run() {
    if (connection == null || (fetched && System.nanoTime() - fetchedAt < FRESH.toNanos())) {
      return;
    }
    try {
      List<String> rooms =
          AskPattern.<Connection.Command, List<String>>ask(
                  connection, Connection.FetchRoomNames::new, timeout, system.scheduler())
              .toCompletableFuture()
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      names.rooms(rooms);
      if (!rooms.isEmpty()) {
        fetched = true;
        fetchedAt = System.nanoTime();
      }
    } catch (ExecutionException | TimeoutException e) {
      // completion goes on with the rooms seen so far
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
