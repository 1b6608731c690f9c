package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** What a terminal showed, for a test to wait for a piece of text in it. */
final class Screen extends OutputStream {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final ByteArrayOutputStream raw = new ByteArrayOutputStream();
  private int searchedUpTo;

  @Override
  public synchronized void write(int b) {
    raw.write(b);
    notifyAll();
  }

  @Override
  public synchronized void write(byte[] b, int off, int len) {
    raw.write(b, off, len);
    notifyAll();
  }

  /** Everything shown so far. */
  @Override
  public synchronized String toString() {
    return raw.toString(StandardCharsets.UTF_8);
  }

  /**
   * The line the cursor is on, as a terminal shows it: a carriage return goes back to its start,
   * and what is written next overwrites what was there.
   */
  synchronized String lastLine() {
    String shown = raw.toString(StandardCharsets.UTF_8);
    StringBuilder line = new StringBuilder();
    int column = 0;
    for (char c : shown.substring(shown.lastIndexOf('\n') + 1).toCharArray()) {
      if (c == '\r') {
        column = 0;
      } else if (c == '\b') {
        column = Math.max(0, column - 1);
      } else {
        if (column < line.length()) {
          line.setCharAt(column, c);
        } else {
          line.append(c);
        }
        column++;
      }
    }
    return line.toString().stripTrailing();
  }

  /** Waits until {@code text} shows after what earlier waits found. */
  synchronized void await(String text) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      String shown = raw.toString(StandardCharsets.UTF_8);
      int at = shown.indexOf(text, searchedUpTo);
      if (at >= 0) {
        searchedUpTo = at + text.length();
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        fail("'" + text + "' did not show within " + TIMEOUT + "; the screen:\n" + shown);
      }
      try {
        wait(Math.max(1, left / 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
  }
}
