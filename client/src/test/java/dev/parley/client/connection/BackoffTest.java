package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class BackoffTest {

  private final Backoff backoff = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), 0.2);

  @Test
  void theWaitDoublesWithEveryFailedAttempt() {
    assertEquals(Duration.ofSeconds(1), backoff.delay(0, 0));
    assertEquals(Duration.ofSeconds(2), backoff.delay(1, 0));
    assertEquals(Duration.ofSeconds(16), backoff.delay(4, 0));
  }

  @Test
  void theWaitStopsGrowingAtTheMaximum() {
    assertEquals(Duration.ofSeconds(30), backoff.delay(5, 0));
    assertEquals(Duration.ofSeconds(30), backoff.delay(1000, 0));
  }

  @Test
  void aRandomShareOfTheFactorIsAdded() {
    assertEquals(Duration.ofMillis(1100), backoff.delay(0, 0.5));
    assertEquals(Duration.ofSeconds(36), backoff.delay(10, 1.0));
  }
}
