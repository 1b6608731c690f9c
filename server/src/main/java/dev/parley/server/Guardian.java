package dev.parley.server;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.account.Account;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.RoomManager;
import dev.parley.server.session.KeptOutputTotal;
import dev.parley.server.session.SessionServices;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.transport.TcpListener;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.apache.pekko.Done;
import org.apache.pekko.actor.CoordinatedShutdown;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.function.Function;

/**
 * The root of a server: starts the directory, the room manager and the TCP listener, and ties the
 * listener into coordinated shutdown: stop accepting, then have every session say goodbye.
 */
final class Guardian {

  /** The server once it listens: where, and the actors the operator steers it through. */
  record Started(
      InetSocketAddress address,
      ActorRef<TcpListener.Command> listener,
      ActorRef<Directory.Command> directory,
      ActorRef<RoomManager.Command> roomManager) {}

  private Guardian() {}

  static Behavior<Void> create(
      ParleySettings settings,
      List<Account> accounts,
      Transcript transcript,
      CompletableFuture<Started> started) {
    return Behaviors.setup(
        context -> {
          var codec = new FrameCodec(settings.protocol().maxFrameBytes());
          var directory =
              context.spawn(
                  Behaviors.supervise(
                          Directory.create(
                              settings.nicks(),
                              settings.accounts(),
                              settings.presence(),
                              accounts,
                              settings.persistence().snapshotEvery()))
                      .onFailure(SupervisorStrategy.resume()),
                  "directory");
          var roomManager =
              context.spawn(
                  Behaviors.supervise(
                          RoomManager.create(
                              settings.rooms(),
                              settings.persistence().snapshotEvery(),
                              codec,
                              transcript))
                      .onFailure(SupervisorStrategy.resume()),
                  "rooms");
          var services =
              new SessionServices(
                  settings,
                  codec,
                  directory,
                  roomManager,
                  new KeptOutputTotal(settings.session().maxTotalKeptOutput()));
          var bound = new CompletableFuture<InetSocketAddress>();
          var listener =
              context.spawn(
                  TcpListener.create(settings.listen(), services, transcript, bound), "tcp");
          bound.whenComplete(
              (address, failure) -> {
                if (failure == null) {
                  started.complete(new Started(address, listener, directory, roomManager));
                } else {
                  started.completeExceptionally(failure);
                }
              });
          addShutdownTasks(context.getSystem(), listener);
          return Behaviors.empty();
        });
  }

  private static void addShutdownTasks(
      ActorSystem<Void> system, ActorRef<TcpListener.Command> listener) {
    addShutdownTask(
        system, CoordinatedShutdown.PhaseServiceUnbind(), listener, TcpListener.Unbind::new);
    addShutdownTask(
        system,
        CoordinatedShutdown.PhaseServiceRequestsDone(),
        listener,
        TcpListener.CloseSessions::new);
  }

  private static void addShutdownTask(
      ActorSystem<Void> system,
      String phase,
      ActorRef<TcpListener.Command> listener,
      Function<ActorRef<Done>, TcpListener.Command> request) {
    var shutdown = CoordinatedShutdown.get(system);
    var timeout = Duration.ofMillis(shutdown.timeout(phase).toMillis());
    Supplier<CompletionStage<Done>> task =
        () ->
            AskPattern.ask(listener, request, timeout, system.scheduler())
                .exceptionally(tookTooLong -> Done.getInstance());
    shutdown.addTask(phase, "parley-" + phase, task);
  }
}
