package dev.parley.server;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.server.account.Account;
import dev.parley.server.cluster.ClusterCore;
import dev.parley.server.directory.Directory;
import dev.parley.server.files.FileShelf;
import dev.parley.server.http.FileAddresses;
import dev.parley.server.http.HttpDoor;
import dev.parley.server.http.Readiness;
import dev.parley.server.irc.IrcDoor;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.peer.PeerBroker;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomAddresses;
import dev.parley.server.room.RoomManager;
import dev.parley.server.session.Connections;
import dev.parley.server.session.FrontDoor;
import dev.parley.server.session.JsonDialect;
import dev.parley.server.session.KeptOutputTotal;
import dev.parley.server.session.SessionServices;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.tls.CertificateReloader;
import dev.parley.server.tls.ServerCertificate;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.transport.TcpListener;
import dev.parley.server.transport.TcpSessionFlow;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.receptionist.Receptionist;
import org.apache.pekko.japi.function.Function;
import org.apache.pekko.stream.Materializer;

/**
 * The root of a server: starts the directory, the room manager, the connections and the front
 * doors, and ties them into coordinated shutdown: stop accepting, then have every session say
 * goodbye.
 */
final class Guardian {

  /** The server once it listens: where, and the actors the operator steers it through. */
  record Started(
      InetSocketAddress address,
      Optional<InetSocketAddress> tlsAddress,
      Optional<HttpDoor.Addresses> http,
      Optional<InetSocketAddress> ircAddress,
      Optional<InetSocketAddress> ircTlsAddress,
      ActorRef<Connections.Command> connections,
      ActorRef<Directory.Command> directory,
      ActorRef<RoomManager.Command> roomManager) {}

  private static final Duration STORE_READ_TIMEOUT = Duration.ofSeconds(30);

  private Guardian() {}

  static Behavior<Void> create(
      ParleySettings settings,
      List<Account> accounts,
      Transcript transcript,
      Optional<ServerCertificate> certificate,
      ServerMetrics metrics,
      Readiness readiness,
      CompletableFuture<Started> started) {
    return Behaviors.setup(
        context -> {
          var json = new JsonDialect(new FrameCodec(settings.protocol().maxFrameBytes()));
          Behavior<Directory.Command> directoryBehavior =
              Directory.create(
                  settings.nicks(),
                  settings.accounts(),
                  settings.presence(),
                  accounts,
                  settings.persistence().snapshotEvery(),
                  metrics);
          ActorRef<Directory.Command> directory;
          ActorRef<RoomManager.Command> roomManager;
          RoomAddresses roomAddresses;
          if (settings.cluster().enabled()) {
            var core =
                ClusterCore.start(
                    context.getSystem(),
                    directoryBehavior,
                    settings.rooms(),
                    settings.persistence().snapshotEvery(),
                    transcript,
                    metrics);
            directory = core.directory();
            roomManager = core.roomManager();
            roomAddresses = core.rooms();
          } else {
            directory =
                context.spawn(
                    Behaviors.supervise(directoryBehavior).onFailure(SupervisorStrategy.resume()),
                    "directory");
            roomManager =
                context.spawn(
                    Behaviors.supervise(
                            RoomManager.create(
                                settings.rooms(),
                                settings.persistence().snapshotEvery(),
                                transcript,
                                metrics))
                        .onFailure(SupervisorStrategy.resume()),
                    "rooms");
            roomAddresses = RoomAddresses.incarnations();
          }
          var files = context.spawn(FileShelf.create(settings.files(), directory), "files");
          var peers =
              context.spawn(PeerBroker.create(settings.privateConversations(), directory), "peers");
          var services =
              new SessionServices(
                  settings,
                  json,
                  directory,
                  roomManager,
                  new KeptOutputTotal(settings.session().maxTotalKeptOutput()),
                  metrics,
                  files,
                  peers,
                  roomAddresses);
          var connections =
              context.spawn(
                  Connections.create(settings.listen(), services, transcript), "connections");
          context
              .getSystem()
              .receptionist()
              .tell(Receptionist.register(Connections.EVERY_NODE, connections));
          var materializer = Materializer.matFromSystem(context.getSystem());
          var jsonFlow = TcpSessionFlow.json(settings, json, materializer);
          var listeners = new ArrayList<ActorRef<TcpListener.Command>>();
          var tcpBound = new CompletableFuture<InetSocketAddress>();
          listeners.add(
              context.spawn(
                  TcpListener.create(
                      settings.listen().host(),
                      settings.listen().port(),
                      Optional.empty(),
                      FrontDoor.TCP,
                      jsonFlow,
                      services,
                      connections,
                      tcpBound),
                  "tcp"));
          var tlsBound = new CompletableFuture<InetSocketAddress>();
          certificate.ifPresentOrElse(
              tls ->
                  listeners.add(
                      context.spawn(
                          TcpListener.create(
                              settings.listen().host(),
                              settings.tls().port(),
                              Optional.of(tls),
                              FrontDoor.TLS,
                              jsonFlow,
                              services,
                              connections,
                              tlsBound),
                          "tls")),
              () -> tlsBound.complete(null));
          certificate
              .filter(tls -> !tls.isSelfSigned())
              .ifPresent(
                  tls ->
                      context.spawn(
                          CertificateReloader.create(tls, settings.tls().reloadCheckInterval()),
                          "certificate-reloader"));
          var ircBound = new CompletableFuture<InetSocketAddress>();
          var ircTlsBound = new CompletableFuture<InetSocketAddress>();
          if (settings.irc().enabled()) {
            var ircFlow = IrcDoor.sessionFlow(settings, materializer);
            listeners.add(
                context.spawn(
                    TcpListener.create(
                        settings.irc().host(),
                        settings.irc().port(),
                        Optional.empty(),
                        FrontDoor.IRC,
                        ircFlow,
                        services,
                        connections,
                        ircBound),
                    "irc"));
            certificate.ifPresentOrElse(
                tls ->
                    listeners.add(
                        context.spawn(
                            TcpListener.create(
                                settings.irc().host(),
                                settings.irc().tlsPort(),
                                Optional.of(tls),
                                FrontDoor.IRC_TLS,
                                ircFlow,
                                services,
                                connections,
                                ircTlsBound),
                            "irc-tls")),
                () -> ircTlsBound.complete(null));
          } else {
            ircBound.complete(null);
            ircTlsBound.complete(null);
          }
          var httpBound = new CompletableFuture<HttpDoor.Addresses>();
          Optional<ActorRef<HttpDoor.Command>> http = Optional.empty();
          if (settings.http().enabled()) {
            Optional<HttpDoor.Secure> https =
                certificate.map(tls -> new HttpDoor.Secure(settings.tls().httpsPort(), tls));
            http =
                Optional.of(
                    context.spawn(
                        HttpDoor.create(
                            settings.http(), https, services, connections, readiness, httpBound),
                        "http"));
            httpBound.thenAccept(
                addresses -> files.tell(FileAddresses.of(settings.files(), addresses)));
          } else {
            httpBound.complete(null);
          }
          CompletableFuture.allOf(tcpBound, tlsBound, httpBound, ircBound, ircTlsBound)
              .thenApply(
                  all ->
                      new Started(
                          tcpBound.join(),
                          Optional.ofNullable(tlsBound.join()),
                          Optional.ofNullable(httpBound.join()),
                          Optional.ofNullable(ircBound.join()),
                          Optional.ofNullable(ircTlsBound.join()),
                          connections,
                          directory,
                          roomManager))
              .whenComplete(
                  (server, failure) -> {
                    if (failure == null) {
                      started.complete(server);
                    } else {
                      started.completeExceptionally(failure);
                    }
                  });
          started
              .thenCompose(server -> storeRead(context.getSystem(), directory, roomManager))
              .thenRun(readiness::ready);
          addShutdownTasks(context.getSystem(), readiness, listeners, http, connections);
          return Behaviors.empty();
        });
  }

  /**
   * Completes once the directory and the room list have been read from the store: persistent actors
   * answer nothing before.
   */
  private static CompletionStage<Done> storeRead(
      ActorSystem<Void> system,
      ActorRef<Directory.Command> directory,
      ActorRef<RoomManager.Command> roomManager) {
    FrameId re = FrameId.of("ready");
    return Guardian.<Directory.Command, Directory.Event>askUntilAnswered(
            system, directory, replyTo -> new Directory.ListUsers(null, re, replyTo))
        .thenCompose(
            users ->
                Guardian.<RoomManager.Command, Room.Event>askUntilAnswered(
                    system,
                    roomManager,
                    replyTo -> new RoomManager.ListRooms(null, 1, 1, re, replyTo)))
        .thenApply(rooms -> Done.getInstance());
  }

  private static <C, R> CompletionStage<R> askUntilAnswered(
      ActorSystem<Void> system, RecipientRef<C> actor, Function<ActorRef<R>, C> question) {
    return AskPattern.ask(actor, question, STORE_READ_TIMEOUT, system.scheduler())
        .handle(
            (answer, failure) ->
                failure == null
                    ? CompletableFuture.completedStage(answer)
                    : Guardian.<C, R>askUntilAnswered(system, actor, question))
        .thenCompose(answer -> answer);
  }

  private static void addShutdownTasks(
      ActorSystem<Void> system,
      Readiness readiness,
      List<ActorRef<TcpListener.Command>> listeners,
      Optional<ActorRef<HttpDoor.Command>> http,
      ActorRef<Connections.Command> connections) {
    var shutdown = CoordinatedShutdown.get(system);
    shutdown.addTask(
        CoordinatedShutdown.PhaseBeforeServiceUnbind(),
        "parley-not-ready",
        () -> {
          readiness.stopping();
          return CompletableFuture.completedStage(Done.getInstance());
        });
    String unbind = CoordinatedShutdown.PhaseServiceUnbind();
    for (ActorRef<TcpListener.Command> listener : listeners) {
      addShutdownTask(system, unbind, listener.path().name(), listener, TcpListener.Unbind::new);
    }
    http.ifPresent(door -> addShutdownTask(system, unbind, "http", door, HttpDoor.Unbind::new));
    addShutdownTask(
        system,
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        "sessions",
        connections,
        Connections.CloseSessions::new);
  }

  /** A task of {@code phase} that asks {@code actor} to do its part, and waits for its answer. */
  private static <T> void addShutdownTask(
      ActorSystem<Void> system,
      String phase,
      String name,
      ActorRef<T> actor,
      Function<ActorRef<Done>, T> request) {
    var shutdown = CoordinatedShutdown.get(system);
    var timeout = Duration.ofMillis(shutdown.timeout(phase).toMillis());
    Supplier<CompletionStage<Done>> task =
        () ->
            AskPattern.ask(actor, request, timeout, system.scheduler())
                .exceptionally(tookTooLong -> Done.getInstance());
    shutdown.addTask(phase, "parley-" + name, task);
  }
}
