package dev.parley.server.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.session.Connections;
import dev.parley.server.session.FrontDoor;
import dev.parley.server.session.SessionServices;
import dev.parley.server.settings.HttpSettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The HTTP front door: the web client and the chat over WebSocket, whose connections it hands to
 * {@link Connections} as the TCP door does, and the health and metrics endpoints, on the chat's
 * address or on one of their own. At shutdown it stops accepting.
 */
public final class HttpDoor extends AbstractBehavior<HttpDoor.Command> {

  public sealed interface Command permits Unbind, Bound, BindFailed, Unbound {}

  /** Where the door serves: the chat, and the health and metrics endpoints. */
  public record Addresses(InetSocketAddress chat, InetSocketAddress admin) {}

  /** Stops accepting connections; open ones stay until their sessions end. */
  public record Unbind(ActorRef<Done> replyTo) implements Command {}

  private record Bound(List<ServerBinding> bindings) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Unbound(ActorRef<Done> replyTo) implements Command {}

  public static Behavior<Command> create(
      HttpSettings settings,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      Readiness readiness,
      CompletableFuture<Addresses> bound) {
    return Behaviors.setup(
        context -> new HttpDoor(context, settings, services, connections, readiness, bound));
  }

  private final CompletableFuture<Addresses> bound;
  private List<ServerBinding> bindings = List.of();

  private HttpDoor(
      ActorContext<Command> context,
      HttpSettings settings,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      Readiness readiness,
      CompletableFuture<Addresses> bound) {
    super(context);
    this.bound = bound;
    var materializer = Materializer.matFromSystem(context.getSystem());
    var chat =
        new ChatRoutes(
            new WebSocketSessionFlow(services.settings(), services.codec(), materializer),
            settings.allowedOrigins(),
            connection -> connections.tell(new Connections.Admit(connection, FrontDoor.WEBSOCKET)));
    ServerMetrics metrics = services.metrics();
    Route operations = new OperationsRoutes(readiness, metrics).route();
    var http = Http.get(context.getSystem());
    Optional<HttpSettings.Address> admin = settings.admin();
    var binding =
        http.newServerAt(settings.host(), settings.port())
            .bind(admin.isPresent() ? chat.route() : concat(operations, chat.route()));
    CompletionStage<List<ServerBinding>> all =
        admin
            .map(
                address ->
                    binding.thenCombine(
                        http.newServerAt(address.host(), address.port()).bind(operations),
                        List::of))
            .orElse(binding.thenApply(List::of));
    context.pipeToSelf(
        all,
        (bindings, failure) -> failure == null ? new Bound(bindings) : new BindFailed(failure));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onMessage(Unbind.class, this::onUnbind)
        .onMessage(Unbound.class, this::onUnbound)
        .build();
  }

  private Behavior<Command> onBound(Bound bound) {
    bindings = bound.bindings();
    InetSocketAddress chat = bindings.get(0).localAddress();
    InetSocketAddress admin = bindings.get(bindings.size() - 1).localAddress();
    getContext().getLog().info("Serving the web client at {}", url(chat));
    if (bindings.size() > 1) {
      getContext().getLog().info("Serving health and metrics at {}", url(admin));
    }
    this.bound.complete(new Addresses(chat, admin));
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bound.completeExceptionally(failed.cause());
    return Behaviors.stopped();
  }

  private Behavior<Command> onUnbind(Unbind unbind) {
    var unbinding = new ArrayList<CompletableFuture<Done>>();
    bindings.forEach(binding -> unbinding.add(binding.unbind().toCompletableFuture()));
    getContext()
        .pipeToSelf(
            CompletableFuture.allOf(unbinding.toArray(CompletableFuture[]::new)),
            (done, failure) -> new Unbound(unbind.replyTo()));
    return this;
  }

  private Behavior<Command> onUnbound(Unbound unbound) {
    bindings.forEach(
        binding -> getContext().getLog().info("Stopped serving {}", url(binding.localAddress())));
    unbound.replyTo().tell(Done.getInstance());
    return this;
  }

  /** {@code http://host:port/}, as a browser is to open it. */
  public static String url(InetSocketAddress address) {
    String host = address.getAddress().getHostAddress();
    return "http://"
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + address.getPort()
        + "/";
  }
}
