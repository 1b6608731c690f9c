package dev.parley.bench.persist;

import dev.parley.bench.load.LatencySummary;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * The acknowledgements that arrive within one measured phase: how many, how many in its slowest
 * whole second, and how long each took from its say. Times are {@link System#nanoTime} values.
 */
final class AcknowledgementTally {

  private static final long HIGHEST_RECORDED_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final long NANOS_PER_SECOND = TimeUnit.SECONDS.toNanos(1);

  private final long start;
  private final long lengthNanos;
  // one count per whole second of the phase; a last, partial second is not compared
  private final long[] perSecond;
  private final Histogram latency = new Histogram(HIGHEST_RECORDED_NANOS, 3);
  private long counted;

  AcknowledgementTally(long start, Duration length) {
    this.start = start;
    this.lengthNanos = length.toNanos();
    this.perSecond = new long[(int) length.toSeconds()];
  }

  /** An acknowledgement arrived; outside the phase it does not count. */
  void count(long arrivedAt, long latencyNanos) {
    long sinceStart = arrivedAt - start;
    if (sinceStart < 0 || sinceStart >= lengthNanos) {
      return;
    }
    counted++;
    long second = sinceStart / NANOS_PER_SECOND;
    if (second < perSecond.length) {
      perSecond[(int) second]++;
    }
    latency.recordValue(Math.min(Math.max(latencyNanos, 0), HIGHEST_RECORDED_NANOS));
  }

  long counted() {
    return counted;
  }

  /** The fewest acknowledgements of any whole second: a pause shows here, not in the average. */
  long slowestSecond() {
    return Arrays.stream(perSecond).min().orElse(counted);
  }

  LatencySummary latency() {
    return LatencySummary.of(latency);
  }
}
