package dev.parley.server.session;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import dev.parley.server.session.inbox.SessionMessage;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.wire.SharedFrames;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * One client connection, whichever front door it came through: awaiting {@code hello}, then logged
 * in under a nick, then departing. It is the only actor that sees client frames; its {@link
 * Dialect} turns the door's protocol into frames and back. When it takes the next frame is its
 * {@link ReadGate}'s to say, how its output reaches the client its {@link OutputPump}'s.
 */
public final class Session extends AbstractBehavior<SessionMessage> {

  public sealed interface Command extends SessionMessage
      permits FrameReceived,
          InputEnded,
          InputFailed,
          OutputTaken,
          Tick,
          Shutdown,
          MakeRoom,
          Announce,
          Describe,
          RoomStopped,
          RejoinCheck {}

  /** A frame from the client, given as the session asked for it ({@link ConnectionInput}). */
  record FrameReceived(Inbound inbound) implements Command {}

  /** The client closed its side, or the connection is gone. */
  enum InputEnded implements Command {
    INSTANCE
  }

  record InputFailed(Throwable cause) implements Command {}

  /** The connection took everything handed to it, as the session asked to be told. */
  enum OutputTaken implements Command {
    INSTANCE
  }

  /** What the session tells itself, at once or on a timer of its own (each its key). */
  enum Tick implements Command {
    // everything that reached the session meanwhile is written at once
    FLUSH_OUTPUT,
    HELLO_TIMED_OUT,
    IDLE_CHECK,
    STALL_CHECK,
    FLOOD_WAIT_OVER,
    // in a cluster: whether a room or the room manager left a request unanswered too long
    ROOM_ANSWERS_CHECK
  }

  /** In a cluster: the room that answered a join of this session stopped, on a node that left. */
  record RoomStopped(String name, ActorRef<Room.Command> incarnation) implements Command {}

  /**
   * In a cluster: whether the session joined room {@code name} again, as it asked; its timer key.
   */
  record RejoinCheck(String name) implements Command {}

  /** The server is shutting down: say {@code bye shutdown} and close. */
  public enum Shutdown implements Command {
    INSTANCE
  }

  /**
   * Too many connections wait to say hello: one that has not said it yet says {@code bye
   * server_full} and closes, so that a newcomer may come in; one logged in meanwhile stays.
   */
  public enum MakeRoom implements Command {
    INSTANCE
  }

  /** An operator's {@code notice}, the same for everyone online. */
  public record Announce(SharedFrames notice) implements Command {}

  public record Describe(ActorRef<ConnectionInfo> replyTo) implements Command {}

  /** {@code registry} is told once the client said a hello that was taken. */
  public static Behavior<Command> create(
      SessionServices services,
      ClientConnection connection,
      ActorRef<Connections.Welcomed> registry) {
    return Behaviors.<SessionMessage>setup(
            context ->
                Behaviors.withTimers(
                    timers -> new Session(context, timers, services, connection, registry)))
        .<Command>narrow();
  }

  private final TimerScheduler<SessionMessage> timers;
  private final SessionServices services;
  private final ParleySettings settings;
  private final ClientConnection connection;
  private final ActorRef<Connections.Welcomed> registry;
  private final ActorRef<Room.Event> roomEvents;
  private final ActorRef<Directory.Event> directoryEvents;
  private final ReadGate gate;
  private final OutputPump output;
  private final BlockedSenders blocked = new BlockedSenders();
  private final Requests requests;
  private final Delivery delivery;
  private final IdleClock idle;
  private final Instant connectedSince = Instant.now();
  private SessionPhase phase = new SessionPhase.AwaitingHello(0);

  private Session(
      ActorContext<SessionMessage> context,
      TimerScheduler<SessionMessage> timers,
      SessionServices services,
      ClientConnection connection,
      ActorRef<Connections.Welcomed> registry) {
    super(context);
    this.registry = registry;
    this.timers = timers;
    this.services = services;
    this.settings = services.settings();
    this.connection = connection;
    ActorRef<Command> self = context.getSelf().narrow();
    this.roomEvents = context.getSelf().narrow();
    this.directoryEvents = context.getSelf().narrow();
    var session = settings.session();
    this.output = new OutputPump(timers, self, connection, services);
    this.gate = new ReadGate(connection.input(), timers, settings);
    this.requests =
        new Requests(
            services, connection, roomEvents, directoryEvents, gate, output, blocked, this::depart);
    this.delivery = new Delivery(output, gate, requests, blocked, roomEvents);
    this.idle = new IdleClock(timers, gate, connection.dialect(), output, session.idleTimeout());
    timers.startSingleTimer(Tick.HELLO_TIMED_OUT, session.helloTimeout());
    idle.start();
    context.getLog().info("Connection opened from {}", connection.describe());
    connection.attach(self);
    readNextFrameWhenReady();
  }

  // one case for every command: sixteen cases, each with its handler, were 0.6 KB of every
  // connection's memory, a twentieth of an idle one
  @Override
  public Receive<SessionMessage> createReceive() {
    return newReceiveBuilder()
        .onAnyMessage(this::onCommand)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<SessionMessage> onCommand(SessionMessage command) {
    if (command instanceof Room.Event event) {
      return onRoomEvent(event);
    } else if (command instanceof FrameReceived received) {
      return onFrameReceived(received.inbound());
    } else if (command instanceof OutputTaken) {
      output.write();
      return phase instanceof SessionPhase.Departing
          ? closeWhenFlushed()
          : readNextFrameWhenReady();
    } else if (command instanceof Tick tick) {
      return onTick(tick);
    } else if (command instanceof Directory.Event event) {
      return onDirectoryEvent(event);
    } else if (command instanceof InputEnded || command instanceof InputFailed) {
      return onInputGone();
    } else if (command instanceof Shutdown) {
      return depart(DepartureReason.SHUTDOWN, "the server is shutting down");
    } else if (command instanceof MakeRoom) {
      return phase instanceof SessionPhase.AwaitingHello
          ? depart(
              DepartureReason.SERVER_FULL,
              "too many connections wait to say hello; this one waited longest")
          : this;
    } else if (command instanceof Announce announce) {
      if (phase instanceof SessionPhase.LoggedIn) {
        output.sendUnasked(announce.notice());
      }
      return this;
    } else if (command instanceof Describe describe) {
      describe.replyTo().tell(requests.describe(phase.nick(), connectedSince));
      return this;
    } else if (command instanceof RoomStopped stopped) {
      if (phase instanceof SessionPhase.LoggedIn in) {
        requests.roomStopped(stopped.name(), stopped.incarnation(), in.nick(), in.login());
        checkRejoinSoon(stopped.name());
      }
      return this;
    } else if (command instanceof RejoinCheck check) {
      if (phase instanceof SessionPhase.LoggedIn in
          && requests.joinAgainIfStillWaiting(check.name(), in.nick(), in.login())) {
        checkRejoinSoon(check.name());
      }
      return this;
    }
    return Behaviors.unhandled();
  }

  private Behavior<SessionMessage> onTick(Tick tick) {
    switch (tick) {
      case FLUSH_OUTPUT:
        output.onFlush();
        return phase instanceof SessionPhase.Departing ? closeWhenFlushed() : this;
      case HELLO_TIMED_OUT:
        return depart(DepartureReason.HELLO_TIMEOUT, "no hello in time");
      case IDLE_CHECK:
        Duration timeout = settings.session().idleTimeout();
        return idle.timedOut(phase instanceof SessionPhase.LoggedIn)
            ? depart(
                DepartureReason.IDLE_TIMEOUT, "nothing received for " + timeout.toSeconds() + " s")
            : this;
      case STALL_CHECK:
        return onStallCheck();
      case FLOOD_WAIT_OVER:
        return readNextFrameWhenReady();
      case ROOM_ANSWERS_CHECK:
        if (phase instanceof SessionPhase.Departing) {
          return this;
        }
        requests.giveUpOverdueRequests();
        return readNextFrameWhenReady();
    }
    return Behaviors.unhandled();
  }

  private Behavior<SessionMessage> onFrameReceived(Inbound inbound) {
    if (phase instanceof SessionPhase.Departing) {
      gate.arrivedWhileClosing();
      return this;
    }
    if (phase instanceof SessionPhase.AwaitingHello waiting) {
      phase = waiting.counted();
      if (waiting.counted().frames() > settings.session().maxFramesBeforeWelcome()) {
        return depart(DepartureReason.FLOOD, "too many frames before welcome");
      }
    } else {
      phase = requests.takeMailOnReadingOn(phase);
    }
    var frames =
        inbound instanceof Inbound.Native arrival
            ? connection.dialect().read(arrival)
            : List.of(inbound);
    if (phase instanceof SessionPhase.AwaitingHello && Inbound.anyHello(frames)) {
      // a refused hello starts the time to say hello anew, so that a lockout can be waited out
      timers.startSingleTimer(Tick.HELLO_TIMED_OUT, settings.session().helloTimeout());
    }
    gate.arrived(frames);
    return readNextFrameWhenReady();
  }

  private void onClaimed(Directory.Claimed claimed) {
    phase =
        new SessionPhase.LoggedIn(
            claimed.nick(), claimed.login(), claimed.mail().size(), claimed.operator());
    blocked.replaceWith(claimed.blocked());
    timers.cancel(Tick.HELLO_TIMED_OUT);
    registry.tell(new Connections.Welcomed(getContext().getSelf().narrow()));
    getContext()
        .getLog()
        .info(
            "{} logged in as {}{}",
            connection.describe(),
            claimed.nick(),
            claimed.operator() ? ", an operator" : "");
    requests.welcome(claimed);
  }

  private Behavior<SessionMessage> onRoomEvent(Room.Event event) {
    if (phase instanceof SessionPhase.Departing departing) {
      requests.cameAfterDeparture(event, departing);
      return this;
    }
    if (settings.cluster().enabled()) {
      if (event instanceof Room.Joined joined) {
        getContext().watchWith(joined.room(), new RoomStopped(joined.roomName(), joined.room()));
      } else if (event instanceof Room.Answer answer
          && answer.frames().size() == 1
          && answer.frames().get(0) instanceof ServerFrame.Error error
          && phase instanceof SessionPhase.LoggedIn in) {
        var moved = requests.movedRoomRefused(error, in.nick(), in.login());
        if (moved.isPresent()) {
          checkRejoinSoon(moved.get());
          event =
              Room.Answer.error(
                  error.re(),
                  ErrorCode.ROOM_UNAVAILABLE,
                  "the room moved to another node and is being joined again; send it again");
        }
      }
    }
    return delivered(delivery.deliver(event));
  }

  private Behavior<SessionMessage> onDirectoryEvent(Directory.Event event) {
    if (phase instanceof SessionPhase.Departing) {
      requests.cameAfterDeparture(event);
      return this;
    }
    if (event instanceof Directory.Kicked kicked) {
      // the operator's reason, if any, is the rooms' too
      String message = kicked.reason() == null ? "kicked by the operator" : kicked.reason();
      return depart(DepartureReason.KICKED, message, null, kicked.reason());
    } else if (event instanceof Directory.Replaced) {
      return depart(DepartureReason.REPLACED, "you logged in again elsewhere");
    } else if (event instanceof Directory.Claimed claimed) {
      gate.answered();
      onClaimed(claimed);
      return readNextFrameWhenReady();
    } else if (event instanceof Directory.Answer && phase instanceof SessionPhase.AwaitingHello) {
      timers.startSingleTimer(Tick.HELLO_TIMED_OUT, settings.session().helloTimeout());
    }
    return delivered(delivery.deliver(event));
  }

  /** After an event was delivered: the next frame, if it answered one, or the dialect goes on. */
  private Behavior<SessionMessage> delivered(boolean answered) {
    List<Inbound> followUps = connection.dialect().takeFollowUps();
    gate.followUp(followUps);
    return answered || !followUps.isEmpty() ? readNextFrameWhenReady() : this;
  }

  private Behavior<SessionMessage> onStallCheck() {
    OutputPump.Stall stall = output.checkStall();
    if (stall == OutputPump.Stall.CUT_OFF) {
      // the reader takes nothing, so a bye would never get through: cut the connection
      services.metrics().slowConsumerCutOff();
      leaveEverything(DepartureReason.SLOW_CONSUMER, null);
      // before the abort, which ends the input too: its end is not for a stopped session
      gate.close();
      output.end(new Outbound.Abort(new SlowConsumerException()));
      return Behaviors.stopped();
    }
    return stall == OutputPump.Stall.DRAINED && phase instanceof SessionPhase.Departing
        ? closeWhenFlushed()
        : this;
  }

  private Behavior<SessionMessage> onInputGone() {
    gate.ended();
    if (!(phase instanceof SessionPhase.Departing) && !gate.isAnswered()) {
      return this;
    }
    leaveEverything(DepartureReason.DISCONNECTED, null);
    return Behaviors.stopped();
  }

  private Behavior<SessionMessage> onPostStop(PostStop stop) {
    gate.close();
    // what waits to be written goes before the end: a bye, or the answers to a client that stopped
    // sending after its last frames
    output.stopped();
    getContext()
        .getLog()
        .info(
            "Connection closed from {}{}: {}",
            connection.describe(),
            phase.nick() == null ? "" : " (" + phase.nick() + ")",
            phase instanceof SessionPhase.Departing departing
                ? departing.reason().wireName()
                : "the server stopped");
    return this;
  }

  /** Tells the client {@code bye}, leaves every room, and closes once the output is out. */
  private Behavior<SessionMessage> depart(DepartureReason reason, String message) {
    return depart(reason, message, null, null);
  }

  // re: the id of the quit that the bye answers; text: the quit's words for the rooms
  private Behavior<SessionMessage> depart(
      DepartureReason reason, String message, FrameId re, String text) {
    if (phase instanceof SessionPhase.Departing) {
      return this;
    }
    leaveEverything(reason, text);
    // nothing follows the bye, not even the gaps of what was dropped
    output.announceDropped();
    output.send(new ServerFrame.Bye(re, reason, message));
    return closeWhenFlushed();
  }

  private void leaveEverything(DepartureReason reason, String text) {
    if (phase instanceof SessionPhase.Departing) {
      return;
    }
    String nick = phase.nick();
    phase = new SessionPhase.Departing(reason, nick, text);
    timers.cancel(Tick.HELLO_TIMED_OUT);
    idle.stop();
    requests.leaveAll(nick, reason, text);
    if (nick != null) {
      services.directory().tell(new Directory.Release(nick, directoryEvents));
    }
  }

  /**
   * Ends the output once the bye is handed over. The session stops when its input ends, once the
   * socket is closed and all written, so that a server shutting down waits for it.
   */
  private Behavior<SessionMessage> closeWhenFlushed() {
    tellEndWhenDue();
    if (output.endOnceHandedOver()) {
      gate.drain();
    }
    return this;
  }

  /** Handles what waits and may be handled now, then asks for the next frame if it may come. */
  private Behavior<SessionMessage> readNextFrameWhenReady() {
    for (Inbound next = gate.next();
        next != null && !(phase instanceof SessionPhase.Departing);
        next = gate.next()) {
      // a frame never stops the session itself: a departure closes it once the bye is written
      requests.handle(next, phase);
    }
    tellEndWhenDue();
    if (!(phase instanceof SessionPhase.Departing)) {
      gate.readNextIfReady(output::readerKeepsUp);
      checkRoomAnswersWhileWaiting();
    }
    return this;
  }

  private void checkRejoinSoon(String room) {
    var check = new RejoinCheck(room);
    timers.startSingleTimer(check, check, settings.cluster().sayTimeout());
  }

  private void checkRoomAnswersWhileWaiting() {
    if (requests.roomRequests().isWaiting() && !timers.isTimerActive(Tick.ROOM_ANSWERS_CHECK)) {
      // a tenth of the time a room has to answer: an unanswered request is given up soon after
      timers.startSingleTimer(
          Tick.ROOM_ANSWERS_CHECK, settings.cluster().sayTimeout().dividedBy(10));
    }
  }

  /** Once a client that sends no more is answered, or told bye, its end comes back to stop. */
  private void tellEndWhenDue() {
    if (gate.endDue(phase instanceof SessionPhase.Departing)) {
      getContext().getSelf().tell(InputEnded.INSTANCE);
    }
  }
}
