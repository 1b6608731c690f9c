package dev.parley.server.transport;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.ConnectionInfo;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionServices;
import dev.parley.server.settings.ListenSettings;
import dev.parley.server.transcript.Transcript;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;

/**
 * The TCP front door: binds the listener, starts a session for each connection it accepts up to the
 * connection limit, and at shutdown unbinds and has every session say goodbye.
 */
public final class TcpListener extends AbstractBehavior<TcpListener.Command> {

  public sealed interface Command
      permits Unbind,
          CloseSessions,
          Announce,
          ListConnections,
          Bound,
          BindFailed,
          Accepted,
          AcceptingEnded,
          SessionStopped,
          Unbound {}

  /** Stops accepting connections. */
  public record Unbind(ActorRef<Done> replyTo) implements Command {}

  /** Tells every session {@code bye shutdown}; answers once all of them are closed. */
  public record CloseSessions(ActorRef<Done> replyTo) implements Command {}

  /** Sends everyone online a {@code notice}. */
  public record Announce(String text) implements Command {}

  /** Answers what every connection is: nick, address, rooms, since when. */
  public record ListConnections(ActorRef<List<ConnectionInfo>> replyTo) implements Command {}

  private record Bound(Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Accepted(Tcp.IncomingConnection connection) implements Command {}

  private record AcceptingEnded(Throwable cause) implements Command {}

  private record SessionStopped(ActorRef<Session.Command> session) implements Command {}

  private record Unbound(ActorRef<Done> replyTo) implements Command {}

  public static Behavior<Command> create(
      ListenSettings settings,
      SessionServices services,
      Transcript transcript,
      CompletableFuture<InetSocketAddress> bound) {
    return Behaviors.setup(
        context -> new TcpListener(context, settings, services, transcript, bound));
  }

  private static final Duration SURVEY_TIMEOUT = Duration.ofSeconds(3);

  private final ListenSettings settings;
  private final SessionServices services;
  private final Transcript transcript;
  private final CompletableFuture<InetSocketAddress> bound;
  private final Materializer materializer;
  private final TcpSessionFlow sessionFlow;
  private final ByteString serverFull;
  private final ByteString shuttingDown;
  // every session, with the address its client connects from
  private final Map<ActorRef<Session.Command>, String> sessions = new HashMap<>();
  private final Map<String, Integer> connectionsByAddress = new HashMap<>();
  private Tcp.ServerBinding binding;
  private ActorRef<Done> closingReplyTo;
  private long connectionsAccepted;

  private TcpListener(
      ActorContext<Command> context,
      ListenSettings settings,
      SessionServices services,
      Transcript transcript,
      CompletableFuture<InetSocketAddress> bound) {
    super(context);
    this.settings = settings;
    this.services = services;
    this.transcript = transcript;
    this.bound = bound;
    this.materializer = Materializer.matFromSystem(context.getSystem());
    this.sessionFlow = new TcpSessionFlow(services.settings(), services.codec(), materializer);
    this.serverFull = bye(DepartureReason.SERVER_FULL, "the server is full; try again later");
    this.shuttingDown = bye(DepartureReason.SHUTDOWN, "the server is shutting down");
    var accepting =
        Tcp.get(context.getSystem())
            .bind(settings.host(), settings.port())
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
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(Unbind.class, this::onUnbind)
        .onMessage(Unbound.class, this::onUnbound)
        .onMessage(CloseSessions.class, this::onCloseSessions)
        .onMessage(Announce.class, this::onAnnounce)
        .onMessage(ListConnections.class, this::onListConnections)
        .build();
  }

  private Behavior<Command> onBound(Bound bound) {
    binding = bound.binding();
    getContext().getLog().info("Listening on {}", describe(binding.localAddress()));
    this.bound.complete(binding.localAddress());
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bound.completeExceptionally(failed.cause());
    return Behaviors.stopped();
  }

  private Behavior<Command> onAccepted(Accepted accepted) {
    var connection = accepted.connection();
    String address = connection.remoteAddress().getAddress().getHostAddress();
    Optional<String> refusal = refusal(address);
    if (refusal.isPresent()) {
      getContext()
          .getLog()
          .warn(
              "Refused connection from {}: {}",
              describe(connection.remoteAddress()),
              refusal.get());
      ByteString bye = closingReplyTo != null ? shuttingDown : serverFull;
      connection.handleWith(
          Flow.fromSinkAndSource(Sink.ignore(), Source.single(bye)), materializer);
      return this;
    }
    ActorRef<Session.Command> session =
        getContext()
            .spawn(
                Session.create(services, sessionFlow.run(connection)),
                "session-" + ++connectionsAccepted);
    getContext().watchWith(session, new SessionStopped(session));
    sessions.put(session, address);
    connectionsByAddress.merge(address, 1, Integer::sum);
    return this;
  }

  private Optional<String> refusal(String address) {
    if (closingReplyTo != null) {
      return Optional.of("shutting down");
    }
    if (sessions.size() >= settings.maxConnections()) {
      return Optional.of("server full (" + sessions.size() + " connections)");
    }
    if (connectionsByAddress.getOrDefault(address, 0) >= settings.maxConnectionsPerAddress()) {
      return Optional.of("that address holds as many connections as one may");
    }
    return Optional.empty();
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    String address = sessions.remove(stopped.session());
    connectionsByAddress.computeIfPresent(address, (key, count) -> count == 1 ? null : count - 1);
    if (closingReplyTo != null && sessions.isEmpty()) {
      closingReplyTo.tell(Done.getInstance());
    }
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

  private Behavior<Command> onCloseSessions(CloseSessions close) {
    closingReplyTo = close.replyTo();
    if (sessions.isEmpty()) {
      closingReplyTo.tell(Done.getInstance());
    }
    sessions.keySet().forEach(session -> session.tell(Session.Shutdown.INSTANCE));
    return this;
  }

  private Behavior<Command> onAnnounce(Announce announce) {
    Instant ts = Instant.now().truncatedTo(ChronoUnit.MILLIS);
    var notice =
        new Session.Announce(
            ByteString.fromArrayUnsafe(
                services.codec().encode(new ServerFrame.Notice(announce.text(), ts))));
    sessions.keySet().forEach(session -> session.tell(notice));
    transcript.notice(announce.text(), ts);
    getContext().getLog().info("Notice sent to {} connections", sessions.size());
    return this;
  }

  private Behavior<Command> onListConnections(ListConnections list) {
    getContext()
        .spawnAnonymous(
            ConnectionSurvey.create(
                List.copyOf(sessions.keySet()), list.replyTo(), SURVEY_TIMEOUT));
    return this;
  }

  private ByteString bye(DepartureReason reason, String message) {
    return ByteString.fromArrayUnsafe(
        services.codec().encode(new ServerFrame.Bye(reason, message)));
  }

  static String describe(InetSocketAddress address) {
    return address.getAddress().getHostAddress() + ":" + address.getPort();
  }
}
