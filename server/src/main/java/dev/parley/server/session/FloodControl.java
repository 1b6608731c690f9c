package dev.parley.server.session;

/**
 * One connection's flood control: a burst of frames at once, then a steady rate. A frame that comes
 * too soon is not refused, it is read later: {@link #delayNanos} says how much later.
 */
final class FloodControl {

  private final int burst;
  private final long nanosPerFrame;
  // the time at which the bucket is full again; a frame takes nanosPerFrame from it
  private long fullAt;

  FloodControl(int burst, int framesPerSecond, long nanoTime) {
    this.burst = burst;
    this.nanosPerFrame = 1_000_000_000L / framesPerSecond;
    this.fullAt = nanoTime;
  }

  /**
   * Takes the next frame at {@code nanoTime} and returns 0, or returns how long to wait before it
   * may be taken, taking nothing.
   */
  long delayNanos(long nanoTime) {
    long earliest = fullAt - (burst - 1L) * nanosPerFrame;
    if (nanoTime < earliest) {
      return earliest - nanoTime;
    }
    fullAt = Math.max(fullAt, nanoTime) + nanosPerFrame;
    return 0;
  }
}
