package dev.parley.server.http;

import static org.apache.pekko.http.javadsl.server.Directives.concat;

import dev.parley.server.session.Connections;
import dev.parley.server.session.FrontDoor;
import dev.parley.server.session.SessionServices;
import dev.parley.server.settings.HttpSettings;
import dev.parley.server.tls.ServerCertificate;
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
import org.apache.pekko.http.javadsl.ConnectionContext;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;

/**
 * The HTTP front door: the web client and the chat over WebSocket, in cleartext and, with TLS, on
 * an HTTPS port too, whose connections it hands to {@link Connections} as the TCP door does; and
 * the health and metrics endpoints, on the chat's addresses or on one of their own. At shutdown it
 * stops accepting.
 */
public final class HttpDoor extends AbstractBehavior<HttpDoor.Command> {

  public sealed interface Command permits Unbind, Bound, BindFailed, Unbound {}

  /** Where the door serves: the chat, over HTTPS too with TLS, and health and metrics. */
  public record Addresses(
      InetSocketAddress chat, Optional<InetSocketAddress> secureChat, InetSocketAddress admin) {}

  /** Stops accepting connections; open ones stay until their sessions end. */
  public record Unbind(ActorRef<Done> replyTo) implements Command {}

  private record Bound(List<ServerBinding> bindings) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Unbound(ActorRef<Done> replyTo) implements Command {}

  /**
   * @param tls the certificate and port of the HTTPS address; empty, there is none
   */
  public static Behavior<Command> create(
      HttpSettings settings,
      Optional<Secure> tls,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      Readiness readiness,
      CompletableFuture<Addresses> bound) {
    return Behaviors.setup(
        context -> new HttpDoor(context, settings, tls, services, connections, readiness, bound));
  }

  /** Where the chat is served over HTTPS, with which certificate. */
  public record Secure(int port, ServerCertificate certificate) {}

  private final CompletableFuture<Addresses> bound;
  private final boolean hasSecureChat;
  private final boolean separateAdmin;
  private List<ServerBinding> bindings = List.of();

  private HttpDoor(
      ActorContext<Command> context,
      HttpSettings settings,
      Optional<Secure> tls,
      SessionServices services,
      ActorRef<Connections.Command> connections,
      Readiness readiness,
      CompletableFuture<Addresses> bound) {
    super(context);
    this.bound = bound;
    this.hasSecureChat = tls.isPresent();
    this.separateAdmin = settings.admin().isPresent();
    var materializer = Materializer.matFromSystem(context.getSystem());
    var sessionFlow = new WebSocketSessionFlow(services.settings(), services.json(), materializer);
    Route files = new FileRoutes(services.files(), context.getSystem()).route();
    Route operations = new OperationsRoutes(readiness, services.metrics()).route();
    var http = Http.get(context.getSystem());
    // in this order: the chat, the chat over HTTPS, the admin address
    var binding = new ArrayList<CompletionStage<ServerBinding>>();
    binding.add(
        http.newServerAt(settings.host(), settings.port())
            .bind(
                withOperations(
                    concat(files, chat(sessionFlow, settings, false, connections)),
                    operations,
                    separateAdmin)));
    tls.ifPresent(
        secure ->
            binding.add(
                http.newServerAt(settings.host(), secure.port())
                    .enableHttps(ConnectionContext.httpsServer(secure.certificate()::newEngine))
                    .bind(
                        withOperations(
                            concat(files, chat(sessionFlow, settings, true, connections)),
                            operations,
                            separateAdmin))));
    settings
        .admin()
        .ifPresent(
            address ->
                binding.add(http.newServerAt(address.host(), address.port()).bind(operations)));
    CompletionStage<List<ServerBinding>> all = CompletableFuture.completedStage(List.of());
    for (CompletionStage<ServerBinding> next : binding) {
      all =
          all.thenCombine(
              next,
              (earlier, one) -> {
                var more = new ArrayList<>(earlier);
                more.add(one);
                return List.copyOf(more);
              });
    }
    context.pipeToSelf(
        all,
        (bindings, failure) -> failure == null ? new Bound(bindings) : new BindFailed(failure));
  }

  private static Route chat(
      WebSocketSessionFlow sessionFlow,
      HttpSettings settings,
      boolean secure,
      ActorRef<Connections.Command> connections) {
    FrontDoor door = secure ? FrontDoor.WEBSOCKET_TLS : FrontDoor.WEBSOCKET;
    return new ChatRoutes(
            sessionFlow,
            settings.allowedOrigins(),
            secure,
            connection -> connections.tell(new Connections.Admit(connection, door)))
        .route();
  }

  private static Route withOperations(Route chat, Route operations, boolean separateAdmin) {
    return separateAdmin ? chat : concat(operations, chat);
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
    Optional<InetSocketAddress> secureChat =
        hasSecureChat ? Optional.of(bindings.get(1).localAddress()) : Optional.empty();
    InetSocketAddress admin =
        separateAdmin ? bindings.get(bindings.size() - 1).localAddress() : chat;
    getContext().getLog().info("Serving the web client at {}", url(chat, false));
    secureChat.ifPresent(
        address -> getContext().getLog().info("Serving the web client at {}", url(address, true)));
    if (separateAdmin) {
      getContext().getLog().info("Serving health and metrics at {}", url(admin, false));
    }
    this.bound.complete(new Addresses(chat, secureChat, admin));
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
        binding ->
            getContext()
                .getLog()
                .info(
                    "Stopped serving HTTP on {}:{}",
                    binding.localAddress().getAddress().getHostAddress(),
                    binding.localAddress().getPort()));
    unbound.replyTo().tell(Done.getInstance());
    return this;
  }

  /** {@code http://host:port/} or {@code https://...}, as a browser is to open it. */
  public static String url(InetSocketAddress address, boolean secure) {
    String host = address.getAddress().getHostAddress();
    return (secure ? "https://" : "http://")
        + (host.contains(":") ? "[" + host + "]" : host)
        + ":"
        + address.getPort()
        + "/";
  }
}
