package dev.parley.client.files;

import java.time.Duration;

/**
 * The wait of transfers before they try again, cut short for all of them when the chat connection
 * is back, as the network most likely is then too.
 */
final class RetryPause {

  private final Object lock = new Object();
  private long wakeups;

  /** Waits {@code wait}, or until {@link #wake()}. */
  void await(Duration wait) throws InterruptedException {
    synchronized (lock) {
      long seen = wakeups;
      long deadline = System.nanoTime() + wait.toNanos();
      long left;
      while (wakeups == seen && (left = deadline - System.nanoTime()) > 0) {
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  void wake() {
    synchronized (lock) {
      wakeups++;
      lock.notifyAll();
    }
  }
}
