package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BadFrameWindowTest {

  private static final long SECOND = 1_000_000_000L;

  private final BadFrameWindow window = new BadFrameWindow(3, Duration.ofSeconds(10));

  @Test
  void allowsUpToTheLimitWithinTheWindow() {
    assertFalse(window.recordAndCheckExceeded(0));
    assertFalse(window.recordAndCheckExceeded(SECOND));
    assertFalse(window.recordAndCheckExceeded(2 * SECOND));
    assertTrue(window.recordAndCheckExceeded(3 * SECOND));
  }

  @Test
  void forgetsBadFramesOlderThanTheWindow() {
    window.recordAndCheckExceeded(0);
    window.recordAndCheckExceeded(SECOND);
    window.recordAndCheckExceeded(2 * SECOND);
    assertFalse(window.recordAndCheckExceeded(11 * SECOND));
  }
}
