package dev.parley.server.session;

import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * The output of one session waiting for its reader, bounded in bytes. Room messages that do not fit
 * are dropped, and each run of them is announced with a {@code gap} as soon as there is room again,
 * before any later message of that room. Everything else is kept, up to a bound of its own. A burst
 * may pass the bound for a while: a reader beyond it for less than the catch-up time is not behind
 * but busy, and loses nothing while what waits stays within the bound and half the kept one.
 */
final class OutgoingQueue {

  private record DroppedRun(long fromSeq, long toSeq) {}

  private final int maxBytes;
  private final int maxKeptBytes;
  private final Dialect dialect;
  // what was taken from here that the connection has not taken yet
  private final LongSupplier connectionPendingBytes;
  private final Runnable gapAnnounced;
  // idle most of the time: it grows when a reader falls behind
  private final ArrayDeque<ByteString> frames = new ArrayDeque<>(2);
  private final Map<String, DroppedRun> droppedByRoom = new LinkedHashMap<>();
  private final long catchUpNanos;
  private final LongSupplier nanoTime;
  private long bytes;
  // when what waits first passed the bound, while it still does (seen when messages come)
  private long beyondBoundSince = NOT_BEYOND;

  private static final long NOT_BEYOND = Long.MIN_VALUE;

  OutgoingQueue(
      int maxBytes,
      int maxKeptBytes,
      Duration catchUpTime,
      Dialect dialect,
      LongSupplier connectionPendingBytes,
      Runnable gapAnnounced,
      LongSupplier nanoTime) {
    this.maxBytes = maxBytes;
    this.maxKeptBytes = maxKeptBytes;
    this.catchUpNanos = catchUpTime.toNanos();
    this.dialect = dialect;
    this.connectionPendingBytes = connectionPendingBytes;
    this.gapAnnounced = gapAnnounced;
    this.nanoTime = nanoTime;
  }

  void add(ByteString frame) {
    frames.addLast(frame);
    bytes += frame.length();
  }

  /** Adds a message of {@code room}, or drops it when it does not fit. */
  void addRoomMessage(String room, long seq, ByteString frame) {
    long held = held();
    boolean fits = held == 0 || fits(held + frame.length());
    DroppedRun run = droppedByRoom.get(room);
    if (!fits) {
      droppedByRoom.put(
          room, run == null ? new DroppedRun(seq, seq) : new DroppedRun(run.fromSeq(), seq));
      return;
    }
    if (run != null) {
      announce(room, droppedByRoom.remove(room));
    }
    add(frame);
  }

  /**
   * Adds several messages of {@code room} in one piece, if all of them fit within the bound and
   * none of the room's is being dropped; otherwise adds nothing and answers false, and they are to
   * be added one by one.
   */
  boolean addRoomMessages(String room, ByteString frames) {
    if (!fits(held() + frames.length()) || droppedByRoom.containsKey(room)) {
      return false;
    }
    add(frames);
    return true;
  }

  /** Adds a message of {@code room} that is never dropped; a gap it would overtake goes first. */
  void addKeptRoomMessage(String room, ByteString frame) {
    DroppedRun run = droppedByRoom.remove(room);
    if (run != null) {
      announce(room, run);
    }
    add(frame);
  }

  /**
   * Whether room messages may wait up to {@code wouldHold}: within the bound, or beyond it for less
   * than the catch-up time and by at most half of what may be kept beyond it, so that what is never
   * dropped (the gaps among it) still has room.
   */
  private boolean fits(long wouldHold) {
    long held = held();
    if (held <= maxBytes) {
      beyondBoundSince = NOT_BEYOND;
    }
    if (wouldHold <= maxBytes) {
      return true;
    }
    if (wouldHold > (long) maxBytes + maxKeptBytes / 2) {
      return false;
    }
    long now = nanoTime.getAsLong();
    if (beyondBoundSince == NOT_BEYOND) {
      beyondBoundSince = now;
    }
    return now - beyondBoundSince < catchUpNanos;
  }

  boolean isEmpty() {
    return frames.isEmpty();
  }

  /** Whether the reader is behind by the whole bound: its session stops reading its frames. */
  boolean isFull() {
    return held() >= maxBytes;
  }

  /**
   * Whether what waits passes the bound and what may be kept beyond it: the reader is too far
   * behind to be waited for.
   */
  boolean isOverflowing() {
    return held() > (long) maxBytes + maxKeptBytes;
  }

  /** What waits beyond the bound: what is kept of what is never dropped. */
  long bytesBeyondBound() {
    return Math.max(0, held() - maxBytes);
  }

  /** Takes everything waiting, the gaps of dropped runs last, as one piece to write. */
  ByteString takeAll() {
    announceDropped();
    // most writes are one piece, which needs no builder
    ByteString batch = frames.size() == 1 ? frames.poll() : joined(frames);
    frames.clear();
    bytes = 0;
    return batch;
  }

  /** Adds the gaps of the runs dropped so far, so that nothing added later goes before them. */
  void announceDropped() {
    droppedByRoom.forEach(this::announce);
    droppedByRoom.clear();
  }

  private static ByteString joined(ArrayDeque<ByteString> pieces) {
    var joined = new ByteStringBuilder();
    pieces.forEach(joined::append);
    return joined.result();
  }

  private long held() {
    return bytes + connectionPendingBytes.getAsLong();
  }

  private void announce(String room, DroppedRun run) {
    add(dialect.encode(new ServerFrame.Gap(room, run.fromSeq(), run.toSeq())));
    gapAnnounced.run();
  }
}
