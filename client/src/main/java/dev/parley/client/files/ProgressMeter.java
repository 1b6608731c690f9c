package dev.parley.client.files;

import java.time.Duration;

/**
 * The rate and the time left of one transfer, measured since it (re)started, and when its progress
 * is due to be shown again: at most once an interval. Times are {@link System#nanoTime()}s.
 */
final class ProgressMeter {

  private final long size;
  private final long intervalNanos;
  private long startNanos;
  private long startDone;
  private long shownNanos;

  ProgressMeter(long size, Duration interval, long nowNanos, long done) {
    this.size = size;
    this.intervalNanos = interval.toNanos();
    restart(nowNanos, done);
  }

  /** The transfer goes on from {@code done} after a pause: the rate counts from now. */
  void restart(long nowNanos, long done) {
    startNanos = nowNanos;
    startDone = done;
    shownNanos = nowNanos;
  }

  /** Whether progress is to be shown now; if so, the next is due an interval from now. */
  boolean due(long nowNanos) {
    if (nowNanos - shownNanos < intervalNanos) {
      return false;
    }
    shownNanos = nowNanos;
    return true;
  }

  /** Bytes per second since the start; 0 before any time passed. */
  double rate(long nowNanos, long done) {
    long elapsed = nowNanos - startNanos;
    return elapsed <= 0 ? 0 : (done - startDone) * 1e9 / elapsed;
  }

  /** The time the rest takes at the rate so far; null while nothing came through. */
  Duration left(long nowNanos, long done) {
    double rate = rate(nowNanos, done);
    if (rate <= 0) {
      return null;
    }
    return Duration.ofMillis(Math.round(Math.max(0, size - done) * 1000 / rate));
  }

  /** How long since {@code sinceNanos}, as a duration. */
  static Duration took(long sinceNanos, long nowNanos) {
    return Duration.ofNanos(Math.max(0, nowNanos - sinceNanos));
  }
}
