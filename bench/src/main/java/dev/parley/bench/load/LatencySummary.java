package dev.parley.bench.load;

import org.HdrHistogram.Histogram;

/** The percentiles of a histogram of nanoseconds, in milliseconds. */
public record LatencySummary(
    long count, double p50, double p90, double p99, double p999, double max) {

  private static final double NANOS_PER_MILLI = 1e6;

  public static LatencySummary of(Histogram nanos) {
    return new LatencySummary(
        nanos.getTotalCount(),
        millis(nanos.getValueAtPercentile(50)),
        millis(nanos.getValueAtPercentile(90)),
        millis(nanos.getValueAtPercentile(99)),
        millis(nanos.getValueAtPercentile(99.9)),
        millis(nanos.getMaxValue()));
  }

  private static double millis(long nanos) {
    return nanos / NANOS_PER_MILLI;
  }
}
