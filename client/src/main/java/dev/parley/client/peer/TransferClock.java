package dev.parley.client.peer;

import java.time.Duration;
import java.util.Optional;

/**
 * The rate and time left of one transfer, counted from where it started or resumed, and when its
 * progress is due to be shown again.
 */
final class TransferClock {

  private final long startNanos = System.nanoTime();
  private final long startOffset;
  private final long intervalNanos;
  private long shownNanos = startNanos;

  TransferClock(long startOffset, Duration interval) {
    this.startOffset = startOffset;
    this.intervalNanos = interval.toNanos();
  }

  /** The progress at {@code done} of {@code size}, when due (or at the end), else empty. */
  Optional<PeerEvent.Progress> progress(
      String nick, String name, boolean sending, long done, long size) {
    long now = System.nanoTime();
    if (done < size && now - shownNanos < intervalNanos) {
      return Optional.empty();
    }
    shownNanos = now;
    long elapsed = Math.max(1, now - startNanos);
    long rate = (long) ((done - startOffset) * 1e9 / elapsed);
    Duration left = rate > 0 ? Duration.ofMillis((size - done) * 1000 / rate) : null;
    return Optional.of(new PeerEvent.Progress(nick, name, sending, done, size, rate, left));
  }
}
