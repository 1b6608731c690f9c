package dev.parley.server.session;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the readers of all sessions have waiting beyond their own {@code max-pending-output},
 * together, against {@code max-total-kept-output}. Each reader may keep up to {@code
 * max-kept-output} of what is never dropped, but many slow readers at that bound would take more
 * memory than the server has: once all of them together are past this bound, a reader past its own
 * {@code max-pending-output} is cut off as if it overflowed. The sessions of a server share one.
 */
public final class KeptOutputTotal {

  private final long maxBytes;
  private final AtomicLong bytes = new AtomicLong();

  public KeptOutputTotal(long maxBytes) {
    this.maxBytes = maxBytes;
  }

  /**
   * Moves one reader's share from {@code before} to {@code after} bytes; answers whether all of
   * them together are now past the bound.
   */
  boolean update(long before, long after) {
    long total = before == after ? bytes.get() : bytes.addAndGet(after - before);
    return total > maxBytes;
  }

  /** What all readers together have waiting beyond their own bound now. */
  public long bytes() {
    return bytes.get();
  }
}
