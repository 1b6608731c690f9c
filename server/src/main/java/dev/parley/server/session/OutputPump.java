package dev.parley.server.session;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.session.inbox.SessionMessage;
import dev.parley.server.wire.SharedFrames;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

/**
 * A session's output on its way to the client: the bounded queue, what the connection has not taken
 * yet, the stall clock, and this reader's share of what all readers keep beyond their bound. What
 * reaches the session while it handles one message goes to the connection in one piece.
 */
final class OutputPump {

  /** What the stall check found. */
  enum Stall {
    /** The reader keeps too much, or took nothing for the stall timeout: it is to be cut off. */
    CUT_OFF,
    /** The connection has taken everything: what still waited is handed over. */
    DRAINED,
    /** The reader is taking what it has; the check comes again. */
    TAKING
  }

  private final TimerScheduler<SessionMessage> timers;
  private final ActorRef<Session.Command> self;
  private final ConnectionOutput connection;
  private final OutgoingQueue outgoing;
  private final Duration stallTimeout;
  private final KeptOutputTotal keptOutput;
  private final Dialect dialect;
  private final ServerMetrics metrics;
  private boolean flushScheduled;
  private boolean ended;
  private long handedOverAt;
  // what the connection had not taken when it last took something
  private long pendingAtProgress;
  // this reader's share of what all readers keep beyond their bound
  private long keptBeyondBound;
  // output nobody asked for came while all readers kept too much: the stall check decides
  private boolean unaskedPastTheServersBound;

  OutputPump(
      TimerScheduler<SessionMessage> timers,
      ActorRef<Session.Command> self,
      ClientConnection client,
      SessionServices services) {
    var settings = services.settings().session();
    this.timers = timers;
    this.self = self;
    this.connection = client.output();
    this.outgoing =
        new OutgoingQueue(
            settings.maxPendingOutput(),
            settings.maxKeptOutput(),
            settings.catchUpTime(),
            client.dialect(),
            connection::pendingBytes,
            services.metrics()::gapAnnounced,
            System::nanoTime);
    this.stallTimeout = settings.stallTimeout();
    this.keptOutput = services.keptOutput();
    this.dialect = client.dialect();
    this.metrics = services.metrics();
  }

  /** Sends a frame for this client alone; a refusal is counted. */
  void send(ServerFrame frame) {
    if (frame instanceof ServerFrame.Error error) {
      metrics.frameRefused(error.code());
    }
    add(dialect.encode(frame));
  }

  /** Sends frames told to many clients, as output nobody asked for. */
  void sendUnasked(SharedFrames frames) {
    addUnasked(dialect.encode(frames));
  }

  Dialect dialect() {
    return dialect;
  }

  /** Adds an answer to the client, or anything else that is never dropped and was asked for. */
  void add(ByteString bytes) {
    outgoing.add(bytes);
    flush();
  }

  /**
   * Adds output nobody asked for: a direct message, a notice, an event of a room. That is what
   * piles up for a reader that stopped reading, so that is what the bound on all readers together
   * holds against it; an answer cannot pile up, as the session reads no next request while its
   * reader is behind.
   */
  void addUnasked(ByteString bytes) {
    outgoing.add(bytes);
    if (pastTheServersBound()) {
      unaskedPastTheServersBound = true;
      timers.startSingleTimer(Session.Tick.STALL_CHECK, Duration.ZERO);
    }
    flush();
  }

  /**
   * Adds a room message that is never dropped, such as one's own; a gap it would overtake goes
   * first.
   */
  void addKeptRoomMessage(String room, ByteString bytes) {
    outgoing.addKeptRoomMessage(room, bytes);
    flush();
  }

  /** Adds a room message, or drops it when the reader is too far behind; {@link #write} follows. */
  void addRoomMessage(String room, long seq, ByteString bytes) {
    outgoing.addRoomMessage(room, seq, bytes);
  }

  /** Adds room messages in one piece if all of them fit; {@link #write} follows. */
  boolean addRoomMessages(String room, ByteString bytes) {
    return outgoing.addRoomMessages(room, bytes);
  }

  /** Gaps of what was dropped go out now: nothing follows a bye, not even they. */
  void announceDropped() {
    outgoing.announceDropped();
  }

  /** Writes what waits once the messages already here are handled, so that it goes in one piece. */
  void flush() {
    checkNowWhenOverflowing();
    updateKeptShare();
    if (!flushScheduled && !outgoing.isEmpty() && connection.takenOrTellWhenTaken()) {
      self.tell(Session.Tick.FLUSH_OUTPUT);
      flushScheduled = true;
    }
  }

  void onFlush() {
    flushScheduled = false;
    write();
  }

  /** Hands over what waits, unless the connection has not taken the last yet: then once it has. */
  void write() {
    checkNowWhenOverflowing();
    updateKeptShare();
    if (!ended && !outgoing.isEmpty() && connection.takenOrTellWhenTaken()) {
      connection.handOver(new Outbound.Frames(outgoing.takeAll()));
      startStallClock(connection.pendingBytes());
      if (keptBeyondBound > 0) {
        // its share of what all readers keep is brought up to date once the connection took this
        connection.takenOrTellWhenTaken();
      }
    }
  }

  /**
   * Whether the reader is within {@code max-pending-output} of its output; if not, the session is
   * told when the connection took what it has, and asks again.
   */
  boolean readerKeepsUp() {
    while (outgoing.isFull()) {
      if (ended || !connection.takenOrTellWhenTaken()) {
        return false;
      }
      // what waits in the queue alone fills it: hand it over, and ask again
      write();
    }
    return true;
  }

  /**
   * Ends the output once everything waiting is handed over: the connection closes after writing it;
   * a reader that takes nothing of it meanwhile is cut off after the stall timeout. Answers whether
   * it ended now.
   */
  boolean endOnceHandedOver() {
    if (!ended && outgoing.isEmpty()) {
      end(Outbound.End.INSTANCE);
      startStallClock(connection.pendingBytes());
      return true;
    }
    return false;
  }

  void end(Outbound end) {
    if (!ended) {
      connection.handOver(end);
      ended = true;
    }
  }

  /** The session stopped: what still waits goes before the end, and its share is given back. */
  void stopped() {
    keptOutput.update(keptBeyondBound, 0);
    if (!ended && !outgoing.isEmpty()) {
      connection.handOver(new Outbound.Frames(outgoing.takeAll()));
    }
    end(Outbound.End.INSTANCE);
  }

  Stall checkStall() {
    boolean unaskedPastBound = unaskedPastTheServersBound;
    unaskedPastTheServersBound = false;
    if (outgoing.isOverflowing() || (unaskedPastBound && pastTheServersBound())) {
      // what is never dropped still has a bound: a reader that far behind is not waited for
      return Stall.CUT_OFF;
    }
    long pending = connection.pendingBytes();
    if (!ended && pending == 0) {
      write();
      return Stall.DRAINED;
    }
    if (pending < pendingAtProgress) {
      // the reader took bytes since: slow, not stalled
      startStallClock(pending);
      return Stall.TAKING;
    }
    Duration stalled = Duration.ofNanos(System.nanoTime() - handedOverAt);
    if (stalled.compareTo(stallTimeout) < 0) {
      timers.startSingleTimer(Session.Tick.STALL_CHECK, stallTimeout.minus(stalled));
      return Stall.TAKING;
    }
    return Stall.CUT_OFF;
  }

  // the stall check cuts off a reader whose output overflows: at once, in place of its timer
  private void checkNowWhenOverflowing() {
    if (outgoing.isOverflowing()) {
      timers.startSingleTimer(Session.Tick.STALL_CHECK, Duration.ZERO);
    }
  }

  /**
   * Whether this reader keeps output beyond its bound while all readers together keep more than
   * theirs.
   */
  private boolean pastTheServersBound() {
    return updateKeptShare() && keptBeyondBound > 0;
  }

  /**
   * Brings this reader's share of what all readers keep beyond their bound up to date; answers
   * whether all of them together are past theirs.
   */
  private boolean updateKeptShare() {
    long kept = outgoing.bytesBeyondBound();
    if (kept == 0 && keptBeyondBound == 0) {
      // most readers keep nothing beyond their bound: the shared total is not touched
      return false;
    }
    boolean totalPast = keptOutput.update(keptBeyondBound, kept);
    keptBeyondBound = kept;
    return totalPast;
  }

  // the output is stalled once the connection has taken nothing of it for the stall timeout;
  // it takes it in pieces of max-write-bytes, so that a slow reader shows progress
  private void startStallClock(long pending) {
    handedOverAt = System.nanoTime();
    pendingAtProgress = pending;
    if (!timers.isTimerActive(Session.Tick.STALL_CHECK)) {
      timers.startSingleTimer(Session.Tick.STALL_CHECK, stallTimeout);
    }
  }
}
