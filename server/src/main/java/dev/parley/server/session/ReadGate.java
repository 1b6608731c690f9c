package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ProtocolRules;
import dev.parley.server.session.inbox.SessionMessage;
import dev.parley.server.settings.ParleySettings;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * When a session takes its client's next frame: only once the answers to the last have come back,
 * its reader keeps up and flood control lets it, so that a client's frames are answered in order
 * and a client that does not read is not read either. The one exception keeps a busy room fast:
 * {@code say}s to one room are taken while the earlier ones are stored, up to {@code
 * max-says-in-flight}, since the room answers them in order; anything else waits for their answers.
 */
final class ReadGate {

  private final ConnectionInput input;
  private final TimerScheduler<SessionMessage> timers;
  private final FloodControl flood;
  private final int maxSaysInFlight;
  private final int maxTextChars;
  // what arrived and waits for the answers to what came before it
  private final ArrayDeque<Inbound> held = new ArrayDeque<>(1);
  // the next frame is asked for and has not arrived
  private boolean frameAsked;
  // the client sends no more; the session ends once it answered what the client sent
  private boolean inputEnded;
  private boolean endTold;
  // answers still to come from other actors before the next frame is taken
  private int awaitedAnswers;
  // while every awaited answer is that of a say: the room they went to
  private String saysInFlightRoom;
  private long lastInputAt = System.nanoTime();

  ReadGate(ConnectionInput input, TimerScheduler<SessionMessage> timers, ParleySettings settings) {
    var session = settings.session();
    this.input = input;
    this.timers = timers;
    this.flood =
        new FloodControl(session.floodBurst(), session.floodRatePerSecond(), System.nanoTime());
    this.maxSaysInFlight = session.maxSaysInFlight();
    this.maxTextChars = settings.protocol().maxTextChars();
  }

  /** Something arrived, as asked: {@code frames} wait their turn behind what is held. */
  void arrived(List<Inbound> frames) {
    frameAsked = false;
    lastInputAt = System.nanoTime();
    held.addAll(frames);
  }

  /** Requests that go on with the one just answered: handled before what arrived after it. */
  void followUp(List<Inbound> frames) {
    for (int i = frames.size() - 1; i >= 0; i--) {
      held.addFirst(frames.get(i));
    }
  }

  /** The next of what arrived, if it may be handled now; null while it waits for answers. */
  Inbound next() {
    Inbound first = held.peekFirst();
    if (first != null && (awaitedAnswers == 0 || isSayToRoomOfSaysInFlight(first))) {
      return held.pollFirst();
    }
    return null;
  }

  private boolean isSayToRoomOfSaysInFlight(Inbound inbound) {
    return saysInFlightRoom != null
        && awaitedAnswers < maxSaysInFlight
        && inbound instanceof Inbound.Frame decoded
        && decoded.frame() instanceof ClientFrame.Say say
        && saysInFlightRoom.equals(ProtocolRules.canonical(say.room()))
        // its error would overtake the answers
        && ProtocolRules.textProblem(say.text(), maxTextChars).isEmpty();
  }

  /** A request went to another actor: no frame but says to its room is taken until it answers. */
  void asked() {
    awaitedAnswers++;
  }

  /** A say went to {@code room}: more says to it may follow while it is stored. */
  void askedSay(String room) {
    if (++awaitedAnswers == 1) {
      saysInFlightRoom = ProtocolRules.canonical(room);
    }
  }

  void answered() {
    if (--awaitedAnswers == 0) {
      saysInFlightRoom = null;
    }
  }

  /** Whether everything the client sent is answered. */
  boolean isAnswered() {
    return awaitedAnswers == 0 && held.isEmpty();
  }

  /** Asks for the client's next frame if it may come now; flood control delays it. */
  void readNextIfReady(BooleanSupplier readerKeepsUp) {
    boolean mayRead =
        awaitedAnswers == 0 || (saysInFlightRoom != null && awaitedAnswers < maxSaysInFlight);
    if (frameAsked || !held.isEmpty() || !mayRead || inputEnded || !readerKeepsUp.getAsBoolean()) {
      return;
    }
    long floodDelay = flood.delayNanos(System.nanoTime());
    if (floodDelay > 0) {
      // flood control slows a sender, it refuses nothing: its next frame is read later
      if (!timers.isTimerActive(Session.Tick.FLOOD_WAIT_OVER)) {
        timers.startSingleTimer(Session.Tick.FLOOD_WAIT_OVER, Duration.ofNanos(floodDelay));
      }
      return;
    }
    input.readNext();
    frameAsked = true;
  }

  /**
   * The session is closing: what still arrives is dropped, and more asked for, so that the end can
   * come.
   */
  void drain() {
    held.clear();
    if (!frameAsked && !inputEnded) {
      input.readNext();
      frameAsked = true;
    }
  }

  /** A frame arrived while the session is closing: dropped. */
  void arrivedWhileClosing() {
    frameAsked = false;
    drain();
  }

  void ended() {
    inputEnded = true;
  }

  /**
   * Whether the end of a client that sends no more is now to be acted on: once it is answered, or
   * once the session says goodbye. Answers true once.
   */
  boolean endDue(boolean departing) {
    if (inputEnded && !endTold && (departing || isAnswered())) {
      endTold = true;
      return true;
    }
    return false;
  }

  Duration quietFor() {
    return Duration.ofNanos(System.nanoTime() - lastInputAt);
  }

  void close() {
    input.close();
  }
}
