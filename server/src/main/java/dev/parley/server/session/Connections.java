package dev.parley.server.session;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.serialization.CrossNode;
import dev.parley.server.settings.ListenSettings;
import dev.parley.server.transcript.Transcript;
import dev.parley.server.wire.SharedFrames;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.receptionist.ServiceKey;

/**
 * Every connection of the server, whichever front door it came through: admits each up to the
 * connection limits, which all doors share, and starts its session; refuses the rest with {@code
 * bye server_full}; at shutdown has every session say goodbye.
 */
public final class Connections extends AbstractBehavior<Connections.Command> {

  public sealed interface Command
      permits Admit, Welcomed, CloseSessions, Announce, ListConnections, SessionStopped {}

  /** A front door's new connection, running and waiting for its session. */
  public record Admit(ClientConnection connection, FrontDoor door) implements Command {}

  /** A session's client said a hello that was taken: it no longer counts as waiting for one. */
  public record Welcomed(ActorRef<Session.Command> session) implements Command {}

  /**
   * Tells every session {@code bye shutdown}, and refuses new connections; answers once all of them
   * are closed.
   */
  public record CloseSessions(ActorRef<Done> replyTo) implements Command {}

  /** Sends everyone online a {@code notice}. */
  public record Announce(String text) implements Command, CrossNode {}

  /** Answers what every connection is: nick, address, rooms, since when. */
  public record ListConnections(ActorRef<ConnectionList> replyTo) implements Command, CrossNode {}

  /** The connections of one server, oldest first. */
  public record ConnectionList(List<ConnectionInfo> connections) implements CrossNode {
    public ConnectionList {
      connections = List.copyOf(connections);
    }
  }

  /**
   * The connections of every node: each server's registers with its receptionist, so that the
   * operator's console of one node reaches the users of all.
   */
  public static final ServiceKey<Command> EVERY_NODE =
      ServiceKey.create(Command.class, "connections");

  private record SessionStopped(ActorRef<Session.Command> session) implements Command {}

  private record Admitted(String address, FrontDoor door) {}

  public static Behavior<Command> create(
      ListenSettings limits, SessionServices services, Transcript transcript) {
    return Behaviors.setup(context -> new Connections(context, limits, services, transcript));
  }

  private static final Duration SURVEY_TIMEOUT = Duration.ofSeconds(3);

  private final ListenSettings limits;
  private final SessionServices services;
  private final ServerMetrics metrics;
  private final Transcript transcript;
  private final ServerFrame.Bye serverFull =
      new ServerFrame.Bye(DepartureReason.SERVER_FULL, "the server is full; try again later");
  private final ServerFrame.Bye shuttingDown =
      new ServerFrame.Bye(DepartureReason.SHUTDOWN, "the server is shutting down");
  private final Map<ActorRef<Session.Command>, Admitted> sessions = new HashMap<>();
  private final Map<String, Integer> connectionsByAddress = new HashMap<>();
  // the sessions whose client has not said a hello that was taken, oldest first
  private final Set<ActorRef<Session.Command>> beforeHello = new LinkedHashSet<>();
  private ActorRef<Done> closingReplyTo;
  private long connectionsAdmitted;

  private Connections(
      ActorContext<Command> context,
      ListenSettings limits,
      SessionServices services,
      Transcript transcript) {
    super(context);
    this.limits = limits;
    this.services = services;
    this.metrics = services.metrics();
    this.transcript = transcript;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Admit.class, this::onAdmit)
        .onMessage(Welcomed.class, this::onWelcomed)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(CloseSessions.class, this::onCloseSessions)
        .onMessage(Announce.class, this::onAnnounce)
        .onMessage(ListConnections.class, this::onListConnections)
        .build();
  }

  private Behavior<Command> onAdmit(Admit admit) {
    ClientConnection connection = admit.connection();
    String address = connection.host();
    Optional<String> refusal = refusal(address);
    if (refusal.isPresent()) {
      getContext()
          .getLog()
          .warn(
              "Refused {} connection from {}: {}",
              admit.door().label(),
              connection.describe(),
              refusal.get());
      // nothing more is read, and the input ends once the connection closes, the bye out
      connection.input().attach(getContext().getSystem().ignoreRef());
      ServerFrame.Bye bye = closingReplyTo != null ? shuttingDown : serverFull;
      connection.output().handOver(new Outbound.Frames(connection.dialect().encode(bye)));
      connection.output().handOver(Outbound.End.INSTANCE);
      return this;
    }
    if (beforeHello.size() >= limits.maxConnectionsBeforeHello()) {
      // silent connections from many addresses must not keep newcomers out: the oldest goes
      var oldest = beforeHello.iterator().next();
      beforeHello.remove(oldest);
      oldest.tell(Session.MakeRoom.INSTANCE);
    }
    ActorRef<Session.Command> session =
        getContext()
            .spawn(
                Session.create(services, connection, getContext().getSelf().narrow()),
                "session-" + ++connectionsAdmitted);
    beforeHello.add(session);
    getContext().watchWith(session, new SessionStopped(session));
    sessions.put(session, new Admitted(address, admit.door()));
    connectionsByAddress.merge(address, 1, Integer::sum);
    metrics.connectionOpened(admit.door());
    return this;
  }

  private Optional<String> refusal(String address) {
    if (closingReplyTo != null) {
      return Optional.of("shutting down");
    }
    if (sessions.size() >= limits.maxConnections()) {
      return Optional.of("server full (" + sessions.size() + " connections)");
    }
    if (connectionsByAddress.getOrDefault(address, 0) >= limits.maxConnectionsPerAddress()) {
      return Optional.of("that address holds as many connections as one may");
    }
    return Optional.empty();
  }

  private Behavior<Command> onWelcomed(Welcomed welcomed) {
    beforeHello.remove(welcomed.session());
    return this;
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    beforeHello.remove(stopped.session());
    Admitted admitted = sessions.remove(stopped.session());
    connectionsByAddress.computeIfPresent(
        admitted.address(), (key, count) -> count == 1 ? null : count - 1);
    metrics.connectionClosed(admitted.door());
    if (closingReplyTo != null && sessions.isEmpty()) {
      closingReplyTo.tell(Done.getInstance());
    }
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
    var notice = new Session.Announce(SharedFrames.of(new ServerFrame.Notice(announce.text(), ts)));
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
}
