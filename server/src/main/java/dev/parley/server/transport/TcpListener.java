package dev.parley.server.transport;

import dev.parley.server.session.Connections;
import dev.parley.server.session.FrontDoor;
import dev.parley.server.session.SessionServices;
import dev.parley.server.tls.ServerCertificate;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.io.Inet;
import org.apache.pekko.io.TcpSO$;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.TLSClosing$;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * The TCP front door, in cleartext or TLS: binds the listener and hands each connection it accepts,
 * running, to {@link Connections}, which starts its session or refuses it; at shutdown it stops
 * accepting.
 */
public final class TcpListener extends AbstractBehavior<TcpListener.Command> {

  public sealed interface Command
      permits Unbind, Bound, BindFailed, Accepted, AcceptingEnded, Unbound {}

  /** Stops accepting connections. */
  public record Unbind(ActorRef<Done> replyTo) implements Command {}

  private record Bound(Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Accepted(Tcp.IncomingConnection connection) implements Command {}

  private record AcceptingEnded(Throwable cause) implements Command {}

  private record Unbound(ActorRef<Done> replyTo) implements Command {}

  /**
   * @param tls the certificate of a TLS listener, whose connections each get an engine of it; empty
   *     for cleartext
   * @param door what its connections are counted as
   * @param sessionFlow what each connection runs: the protocol it speaks
   */
  public static Behavior<Command> create(
      String host,
      int port,
      Optional<ServerCertificate> tls,
      FrontDoor door,
      TcpSessionFlow sessionFlow,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      CompletableFuture<InetSocketAddress> bound) {
    return Behaviors.setup(
        context ->
            new TcpListener(
                context, host, port, tls, door, sessionFlow, services, connections, bound));
  }

  private final ActorRef<Connections.Command> connections;
  private final CompletableFuture<InetSocketAddress> bound;
  private final TcpSessionFlow sessionFlow;
  private final FrontDoor door;
  private final boolean secure;
  private Tcp.ServerBinding binding;

  private TcpListener(
      ActorContext<Command> context,
      String host,
      int port,
      Optional<ServerCertificate> tls,
      FrontDoor door,
      TcpSessionFlow sessionFlow,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      CompletableFuture<InetSocketAddress> bound) {
    super(context);
    int backlog = services.settings().listen().backlog();
    int sendBufferBytes = services.settings().listen().sendBufferBytes();
    this.connections = connections;
    this.bound = bound;
    this.secure = tls.isPresent();
    this.door = door;
    this.sessionFlow = sessionFlow;
    var materializer = Materializer.matFromSystem(context.getSystem());
    var tcp = Tcp.get(context.getSystem());
    // a small send buffer shows what a slow reader takes as it goes; 0 leaves it to the system
    List<Inet.SocketOption> socketOptions =
        sendBufferBytes == 0 ? List.of() : List.of(TcpSO$.MODULE$.sendBufferSize(sendBufferBytes));
    var accepting =
        tls.map(
                certificate ->
                    tcp.bindWithTls(
                        host,
                        port,
                        certificate::newEngine,
                        backlog,
                        socketOptions,
                        Optional.empty(),
                        session -> Optional.empty(),
                        // a session closes its input before its bye is out: the end of its
                        // output, not of its input, ends the connection
                        TLSClosing$.MODULE$.ignoreCancel()))
            .orElseGet(() -> tcp.bind(host, port, backlog, socketOptions, false, Optional.empty()))
            .<Command>map(Accepted::new)
            .toMat(
                ActorSink.<Command>actorRef(
                    context.getSelf(), new AcceptingEnded(null), AcceptingEnded::new),
                Keep.left())
            .run(materializer);
    context.pipeToSelf(
        accepting,
        (binding, failure) -> failure == null ? new Bound(binding) : new BindFailed(failure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onMessage(Accepted.class, this::onAccepted)
        .onMessage(AcceptingEnded.class, ended -> this)
        .onMessage(Unbind.class, this::onUnbind)
        .onMessage(Unbound.class, this::onUnbound)
        .build();
  }

  private Behavior<Command> onBound(Bound bound) {
    binding = bound.binding();
    getContext()
        .getLog()
        .info("Listening{} on {}", door.listening(), describe(binding.localAddress()));
    this.bound.complete(binding.localAddress());
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bound.completeExceptionally(failed.cause());
    return Behaviors.stopped();
  }

  private Behavior<Command> onAccepted(Accepted accepted) {
    connections.tell(new Connections.Admit(sessionFlow.run(accepted.connection(), secure), door));
    return this;
  }

  private Behavior<Command> onUnbind(Unbind unbind) {
    if (binding == null) {
      unbind.replyTo().tell(Done.getInstance());
    } else {
      getContext().pipeToSelf(binding.unbind(), (done, failure) -> new Unbound(unbind.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onUnbound(Unbound unbound) {
    getContext().getLog().info("Stopped listening on {}", describe(binding.localAddress()));
    unbound.replyTo().tell(Done.getInstance());
    return this;
  }

  static String describe(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
