package dev.parley.server.session;

import dev.parley.server.session.inbox.SessionMessage;
import java.time.Duration;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * How long a client may stay quiet: its session ends after the idle timeout; half-way there, a
 * logged-in client is asked whether it is still there, if its dialect has a way to ask.
 */
final class IdleClock {

  private final TimerScheduler<SessionMessage> timers;
  private final ReadGate gate;
  private final Dialect dialect;
  private final OutputPump output;
  private final Duration idleTimeout;
  // when the dialect last asked a quiet client whether it is still there
  private long askedAt = Long.MIN_VALUE;

  IdleClock(
      TimerScheduler<SessionMessage> timers,
      ReadGate gate,
      Dialect dialect,
      OutputPump output,
      Duration idleTimeout) {
    this.timers = timers;
    this.gate = gate;
    this.dialect = dialect;
    this.output = output;
    this.idleTimeout = idleTimeout;
  }

  void start() {
    schedule(Duration.ZERO);
  }

  /** Whether the client has been quiet for the idle timeout; if not, the clock goes on. */
  boolean timedOut(boolean loggedIn) {
    Duration quiet = gate.quietFor();
    if (quiet.compareTo(idleTimeout) >= 0) {
      return true;
    }
    if (loggedIn && quiet.compareTo(idleTimeout.dividedBy(2)) >= 0) {
      long quietSince = System.nanoTime() - quiet.toNanos();
      if (askedAt < quietSince) {
        dialect.keepAlive().ifPresent(output::addUnasked);
        askedAt = System.nanoTime();
      }
    }
    schedule(quiet);
    return false;
  }

  void stop() {
    timers.cancel(Session.Tick.IDLE_CHECK);
  }

  private void schedule(Duration quiet) {
    Duration halfway = idleTimeout.dividedBy(2);
    boolean asks = dialect.keepAlive().isPresent() && quiet.compareTo(halfway) < 0;
    timers.startSingleTimer(
        Session.Tick.IDLE_CHECK, asks ? halfway.minus(quiet) : idleTimeout.minus(quiet));
  }
}
