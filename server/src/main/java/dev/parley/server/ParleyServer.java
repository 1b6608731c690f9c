package dev.parley.server;

import com.typesafe.config.Config;
import dev.parley.server.account.Account;
import dev.parley.server.account.UsersFile;
import dev.parley.server.settings.ParleySettings;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorSystem;

/** A running Parley server: started from a config, listening, until it is shut down. */
public final class ParleyServer implements AutoCloseable {

  private static final long BIND_TIMEOUT_SECONDS = 30;

  private final ActorSystem<Void> system;
  private final InetSocketAddress address;

  private ParleyServer(ActorSystem<Void> system, InetSocketAddress address) {
    this.system = system;
    this.address = address;
  }

  /**
   * Starts a server and returns once it listens.
   *
   * @throws com.typesafe.config.ConfigException when a setting is missing or invalid
   * @throws IllegalArgumentException when the users file has a bad line
   * @throws java.io.UncheckedIOException when the users file cannot be read
   * @throws IllegalStateException when the listener cannot bind
   */
  public static ParleyServer start(Config config) {
    var settings = ParleySettings.fromConfig(config);
    List<Account> accounts = settings.accounts().usersFile().map(UsersFile::read).orElse(List.of());
    var bound = new CompletableFuture<InetSocketAddress>();
    ActorSystem<Void> system =
        ActorSystem.create(Guardian.create(settings, accounts, bound), "parley", config);
    try {
      return new ParleyServer(system, bound.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
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
    return address;
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
