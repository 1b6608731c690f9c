package dev.parley.server.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The bytes a session handed its connection that the connection has not taken yet, and whether the
 * session waits to be told once it has: kept by the session's thread and the connection's together.
 */
final class PendingOutput {

  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean sessionWaits = new AtomicBoolean();

  void handedOver(long count) {
    bytes.addAndGet(count);
  }

  /** The connection took {@code count} bytes; answers whether the session is to be told. */
  boolean taken(long count) {
    // lowered before the wish is read, as the session wishes before it reads the count again
    return bytes.addAndGet(-count) == 0 && sessionWaits.getAndSet(false);
  }

  long bytes() {
    return bytes.get();
  }

  /**
   * Whether the connection took everything; if not, the session waits, and {@link #taken} answers
   * true once it has.
   */
  boolean takenOrWait() {
    if (bytes.get() == 0) {
      return true;
    }
    sessionWaits.set(true);
    // the connection may have taken the rest before it could see the wish
    return bytes.get() == 0;
  }
}
