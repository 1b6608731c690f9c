package dev.parley.bench.tls;

import dev.parley.bench.load.Workload;

/**
 * The workload of each round: {@code clients} in one room, the first {@code senders} of them saying
 * at {@code ratePerSecond} messages a second between them all, or at full speed when 0; each sender
 * with at most {@code window} says not yet echoed.
 */
record FanOut(String name, int clients, int senders, int ratePerSecond, int window, int textChars) {

  FanOut {
    require(clients >= 2, "a fan-out has at least two clients");
    require(senders > 0 && senders <= clients, "senders are between 1 and the clients");
    require(ratePerSecond >= 0, "the rate is not negative (0: full speed)");
    require(window > 0, "the window is positive");
    require(
        textChars >= Workload.MIN_TEXT_CHARS && textChars <= 4000,
        "a text has " + Workload.MIN_TEXT_CHARS + " to 4000 chars");
  }

  /** Nanoseconds between two says of one sender; 0 at full speed. */
  long sendIntervalNanos() {
    return ratePerSecond == 0 ? 0 : Math.round(1e9 * senders / ratePerSecond);
  }

  /** Every say reaches every member but its sender. */
  long deliveriesOf(long says) {
    return says * (clients - 1);
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(rule);
    }
  }
}
