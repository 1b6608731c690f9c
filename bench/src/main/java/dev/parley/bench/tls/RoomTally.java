package dev.parley.bench.tls;

import dev.parley.bench.load.ServerLineScanner;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * What the members of one room received, counted by their reader threads at once: deliveries, their
 * latency from the send time in their text, gaps, and the first failure. Send times count from this
 * tally's origin, so that they are positive and fit the 19 digits of a text.
 */
final class RoomTally {

  private static final long HIGHEST_RECORDED_NANOS = TimeUnit.MINUTES.toNanos(5);

  private final long origin = System.nanoTime() - 1;
  // a recorder takes values from many threads without a lock, and hands them over in intervals
  private final Recorder latency = new Recorder(HIGHEST_RECORDED_NANOS, 3);
  private final LongAdder delivered = new LongAdder();
  private final LongAdder gaps = new LongAdder();
  private final AtomicReference<String> failure = new AtomicReference<>();

  /** The send time to write into a text now. */
  long stamp() {
    return System.nanoTime() - origin;
  }

  /**
   * A member other than the sender received a message with this send time, or {@link
   * ServerLineScanner#NO_SEND_TIME}.
   */
  void delivered(long receivedAt, long sentAt) {
    delivered.increment();
    if (sentAt == ServerLineScanner.NO_SEND_TIME) {
      return;
    }
    long nanos = receivedAt - origin - sentAt;
    latency.recordValue(Math.min(Math.max(nanos, 0), HIGHEST_RECORDED_NANOS));
  }

  void gap() {
    gaps.increment();
  }

  void fail(String what) {
    failure.compareAndSet(null, what);
  }

  /** Forgets the latencies recorded so far: a measurement begins. */
  void restartLatencies() {
    latency.reset();
  }

  /** The latencies recorded since the last call (or restart), one per delivery. */
  Histogram latenciesSinceRestart() {
    return latency.getIntervalHistogram();
  }

  long delivered() {
    return delivered.sum();
  }

  long gaps() {
    return gaps.sum();
  }

  /** The first failure of any member, or null. */
  String failure() {
    return failure.get();
  }
}
