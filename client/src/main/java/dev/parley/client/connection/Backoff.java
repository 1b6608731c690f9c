package dev.parley.client.connection;

import java.time.Duration;

/** How long to wait before reconnect attempt number {@code attempt} (0 for the first). */
public record Backoff(Duration min, Duration max, double randomFactor) {

  /** {@code random} is in [0, 1): the share of the random factor to add. */
  public Duration delay(int attempt, double random) {
    double base = min.toMillis() * Math.pow(2, Math.min(attempt, 30));
    double capped = Math.min(base, max.toMillis());
    return Duration.ofMillis(Math.round(capped * (1 + randomFactor * random)));
  }
}
