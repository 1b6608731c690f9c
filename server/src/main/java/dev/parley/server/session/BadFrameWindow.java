package dev.parley.server.session;

import java.time.Duration;
import java.util.ArrayDeque;

/** Counts one connection's bad frames within a sliding window of time. */
final class BadFrameWindow {

  private final int maxBadFrames;
  private final long windowNanos;
  // most connections send no bad frame: room for one until then
  private final ArrayDeque<Long> times = new ArrayDeque<>(1);

  BadFrameWindow(int maxBadFrames, Duration window) {
    this.maxBadFrames = maxBadFrames;
    this.windowNanos = window.toNanos();
  }

  /** Records a bad frame at {@code nanoTime}; true when that makes more than the limit. */
  boolean recordAndCheckExceeded(long nanoTime) {
    while (!times.isEmpty() && nanoTime - times.peekFirst() >= windowNanos) {
      times.removeFirst();
    }
    times.addLast(nanoTime);
    return times.size() > maxBadFrames;
  }
}
