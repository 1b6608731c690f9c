package dev.parley.server;

import com.typesafe.config.Config;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.account.UsersFile;
import dev.parley.server.cluster.ClusterConfig;
import dev.parley.server.directory.Directory;
import dev.parley.server.http.HttpDoor;
import dev.parley.server.http.Readiness;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.Store;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.session.ConnectionInfo;
import dev.parley.server.session.Connections;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.tls.ServerCertificate;
import dev.parley.server.transcript.Transcript;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.receptionist.Receptionist;

/**
 * A running Parley server: started from a config, listening, until it is shut down. The operator
 * steers it through the methods here.
 */
public final class ParleyServer implements AutoCloseable {

  private static final long BIND_TIMEOUT_SECONDS = 30;
  private static final Duration OPERATOR_TIMEOUT = Duration.ofSeconds(5);

  private final ActorSystem<Void> system;
  private final ParleySettings settings;
  private final Optional<ServerCertificate> certificate;
  private final Guardian.Started started;

  private ParleyServer(
      ActorSystem<Void> system,
      ParleySettings settings,
      Optional<ServerCertificate> certificate,
      Guardian.Started started) {
    this.system = system;
    this.settings = settings;
    this.certificate = certificate;
    this.started = started;
  }

  /**
   * Starts a server and returns once it listens.
   *
   * @throws com.typesafe.config.ConfigException when a setting is missing or invalid, or an
   *     operator is no account of the users file
   * @throws IllegalArgumentException when the users file has a bad line
   * @throws java.io.UncheckedIOException when the users file cannot be read
   * @throws IllegalStateException when the store cannot be opened, a listener cannot bind, or a
   *     certificate file is missing or broken (the message names it)
   */
  public static ParleyServer start(Config config) {
    var settings = ParleySettings.fromConfig(config);
    List<Account> accounts = settings.accounts().usersFile().map(UsersFile::read).orElse(List.of());
    settings.accounts().requireOperatorsAmong(accounts.stream().map(Account::nick).toList());
    Optional<ServerCertificate> certificate =
        settings.tls().enabled()
            ? Optional.of(ServerCertificate.load(settings.tls()))
            : Optional.empty();
    if (settings.cluster().enabled()) {
      ClusterConfig.requireSharedStore(settings.persistence());
    }
    var store = Store.open(settings.persistence());
    Config pekkoConfig = store.pekkoConfig();
    if (settings.cluster().enabled()) {
      pekkoConfig = pekkoConfig.withFallback(ClusterConfig.of(settings.cluster()));
    }
    var started = new CompletableFuture<Guardian.Started>();
    var metrics = ServerMetrics.create();
    ActorSystem<Void> system;
    Transcript transcript;
    try {
      transcript = Transcript.create(settings.transcript());
      system =
          ActorSystem.create(
              Guardian.create(
                  settings, accounts, transcript, certificate, metrics, new Readiness(), started),
              ClusterConfig.SYSTEM_NAME,
              pekkoConfig.withFallback(config));
    } catch (RuntimeException e) {
      store.close();
      metrics.close();
      throw e;
    }
    system.getWhenTerminated().thenRun(transcript::close);
    system.getWhenTerminated().thenRun(store::close);
    system.getWhenTerminated().thenRun(metrics::close);
    try {
      return new ParleyServer(
          system, settings, certificate, started.get(BIND_TIMEOUT_SECONDS, TimeUnit.SECONDS));
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException(
          "cannot listen on " + addressesOf(settings) + ": " + cause.getMessage(), cause);
    }
  }

  private static String addressesOf(ParleySettings settings) {
    var listen = settings.listen();
    var http = settings.http();
    String tcp =
        listen.host()
            + ":"
            + listen.port()
            + " (TCP)"
            + (settings.tls().enabled()
                ? " or " + listen.host() + ":" + settings.tls().port() + " (TLS)"
                : "");
    var irc = settings.irc();
    if (irc.enabled()) {
      tcp += " or " + irc.host() + ":" + irc.port() + " (IRC)";
    }
    if (!http.enabled()) {
      return tcp;
    }
    return tcp
        + " or "
        + http.host()
        + ":"
        + http.port()
        + " (HTTP)"
        + http.admin()
            .map(admin -> " or " + admin.host() + ":" + admin.port() + " (admin)")
            .orElse("");
  }

  /** Where the IRC front door listens, when it is enabled. */
  public Optional<InetSocketAddress> ircAddress() {
    return started.ircAddress();
  }

  /** Where the IRC front door listens for TLS, when it and TLS are enabled. */
  public Optional<InetSocketAddress> ircTlsAddress() {
    return started.ircTlsAddress();
  }

  /** Where the server listens for TCP; with port 0 in the config, the port it was given. */
  public InetSocketAddress address() {
    return started.address();
  }

  /** Where the server listens for TLS, if it does. */
  public Optional<InetSocketAddress> tlsAddress() {
    return started.tlsAddress();
  }

  /** Where the HTTP door serves the web client over HTTPS, if TLS and the door are on. */
  public Optional<InetSocketAddress> httpsAddress() {
    return started.http().flatMap(HttpDoor.Addresses::secureChat);
  }

  /** The certificate the TLS ports present now, if TLS is on. */
  public Optional<ServerCertificate> certificate() {
    return certificate;
  }

  /** Where the HTTP door serves the web client and its WebSocket, if it is on. */
  public Optional<InetSocketAddress> httpAddress() {
    return started.http().map(HttpDoor.Addresses::chat);
  }

  /** Where {@code /health} and {@code /metrics} answer, if the HTTP door is on. */
  public Optional<InetSocketAddress> adminAddress() {
    return started.http().map(HttpDoor.Addresses::admin);
  }

  public ParleySettings settings() {
    return settings;
  }

  /** Sends everyone online a {@code notice}, on every node of a cluster. */
  public void announce(String text) {
    everyNode()
        .thenAccept(nodes -> nodes.forEach(node -> node.tell(new Connections.Announce(text))));
  }

  /**
   * Every connection, on every node of a cluster: nick, address, rooms, since when; oldest first. A
   * node that does not answer in time is left out.
   */
  public CompletionStage<List<ConnectionInfo>> connections() {
    return everyNode()
        .thenCompose(
            nodes -> {
              var lists =
                  nodes.stream()
                      .map(
                          node ->
                              AskPattern.ask(
                                      node,
                                      Connections.ListConnections::new,
                                      OPERATOR_TIMEOUT,
                                      system.scheduler())
                                  .exceptionally(
                                      noAnswer -> new Connections.ConnectionList(List.of()))
                                  .toCompletableFuture())
                      .toList();
              return CompletableFuture.allOf(lists.toArray(CompletableFuture[]::new))
                  .thenApply(
                      all ->
                          lists.stream()
                              .flatMap(list -> list.join().connections().stream())
                              .sorted(Comparator.comparing(ConnectionInfo::since))
                              .toList());
            });
  }

  /** The connections of every node that registered them, this one's always among them. */
  private CompletionStage<Set<ActorRef<Connections.Command>>> everyNode() {
    return AskPattern.<Receptionist.Command, Receptionist.Listing>ask(
            system.receptionist(),
            replyTo -> Receptionist.find(Connections.EVERY_NODE, replyTo),
            OPERATOR_TIMEOUT,
            system.scheduler())
        .handle(
            (listing, failure) -> {
              var nodes = new HashSet<ActorRef<Connections.Command>>();
              nodes.add(started.connections());
              if (listing != null) {
                nodes.addAll(listing.getServiceInstances(Connections.EVERY_NODE));
              }
              return nodes;
            });
  }

  public CompletionStage<List<ServerFrame.RoomSummary>> rooms() {
    return AskPattern.<RoomManager.Command, Room.Event>ask(
            started.roomManager(),
            replyTo ->
                new RoomManager.ListRooms(
                    null, Integer.MAX_VALUE, Integer.MAX_VALUE, FrameId.of("operator"), replyTo),
            OPERATOR_TIMEOUT,
            system.scheduler())
        .thenApply(
            answer -> ((ServerFrame.RoomList) ((Room.Answer) answer).frames().get(0)).rooms());
  }

  /**
   * Ends the session of {@code nick} with {@code bye kicked}, and tells its rooms {@code reason}
   * (null: none); whether anyone was online so.
   */
  public CompletionStage<Boolean> kick(String nick, String reason) {
    return AskPattern.ask(
        started.directory(),
        replyTo -> new Directory.Kick(nick, reason, replyTo),
        OPERATOR_TIMEOUT,
        system.scheduler());
  }

  /** The front doors unbind, every client gets {@code bye shutdown}, and the server stops. */
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
