package dev.parley.server;

import com.typesafe.config.Config;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.account.UsersFile;
import dev.parley.server.directory.Directory;
import dev.parley.server.persistence.Store;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.session.ConnectionInfo;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.transport.TcpListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;

/**
 * A running Parley server: started from a config, listening, until it is shut down. The operator
 * steers it through the methods here.
 */
public final class ParleyServer implements AutoCloseable {

  private static final long BIND_TIMEOUT_SECONDS = 30;
  private static final Duration OPERATOR_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Void> system;
  private final ParleySettings settings;
  private final Guardian.Started started;

  private ParleyServer(
      ActorSystem<Void> system, ParleySettings settings, Guardian.Started started) {
    this.system = system;
    this.settings = settings;
    this.started = started;
  }

  /**
   * Starts a server and returns once it listens.
   *
   * @throws com.typesafe.config.ConfigException when a setting is missing or invalid
   * @throws IllegalArgumentException when the users file has a bad line
   * @throws java.io.UncheckedIOException when the users file cannot be read
   * @throws IllegalStateException when the store cannot be opened or the listener cannot bind
   */
  public static ParleyServer start(Config config) {
    var settings = ParleySettings.fromConfig(config);
    List<Account> accounts = settings.accounts().usersFile().map(UsersFile::read).orElse(List.of());
    var store = Store.open(settings.persistence());
    var started = new CompletableFuture<Guardian.Started>();
    ActorSystem<Void> system;
    Transcript transcript;
    try {
      transcript = Transcript.create(settings.transcript());
      system =
          ActorSystem.create(
              Guardian.create(settings, accounts, transcript, started),
              "parley",
              store.pekkoConfig().withFallback(config));
    } catch (RuntimeException e) {
      store.close();
      throw e;
    }
    system.getWhenTerminated().thenRun(transcript::close);
    system.getWhenTerminated().thenRun(store::close);
    try {
      return new ParleyServer(
          system, settings, started.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException(
          "cannot listen on "
              + settings.listen().host()
              + ":"
              + settings.listen().port()
              + ": "
              + cause.getMessage(),
          cause);
    }
  }

  /** Where the server listens; with port 0 in the config, the port it was given. */
  public InetSocketAddress address() {
    return started.address();
  }

  public ParleySettings settings() {
    return settings;
  }

  /** Sends everyone online a {@code notice}. */
  public void announce(String text) {
    started.listener().tell(new TcpListener.Announce(text));
  }

  /** Every connection: nick, address, rooms, since when; oldest first. */
  public CompletionStage<List<ConnectionInfo>> connections() {
    return AskPattern.ask(
        started.listener(), TcpListener.ListConnections::new, OPERATOR_TIMEOUT, system.scheduler());
  }

  public CompletionStage<List<ServerFrame.RoomSummary>> rooms() {
    return AskPattern.<RoomManager.Command, Room.Event>ask(
            started.roomManager(),
            replyTo -> new RoomManager.ListRooms(FrameId.of("operator"), replyTo),
            OPERATOR_TIMEOUT,
            system.scheduler())
        .thenApply(
            answer -> ((ServerFrame.RoomList) ((Room.Answer) answer).frames().get(0)).rooms());
  }

  /** Ends the session of {@code nick} with {@code bye kicked}; whether anyone was online so. */
  public CompletionStage<Boolean> kick(String nick, String reason) {
    return AskPattern.ask(
        started.directory(),
        replyTo -> new Directory.Kick(nick, reason, replyTo),
        OPERATOR_TIMEOUT,
        system.scheduler());
  }

  /** Every client gets {@code bye shutdown}, the listener unbinds, and the server stops. */
  public CompletionStage<Done> shutdown() {
    return CoordinatedShutdown.get(system).runAll(CoordinatedShutdown.unknownReason());
  }

  public CompletionStage<Done> whenTerminated() {
    return system.getWhenTerminated();
  }

  /** Shuts the server down and waits until it has stopped. */
  @Override
  public void close() {
    shutdown().toCompletableFuture().join();
    system.getWhenTerminated().toCompletableFuture().join();
  }
}
