package dev.parley.bench.load;

import java.time.Duration;

/**
 * What one load run does: {@code clients} connect and say hello, join {@code rooms} rooms (client i
 * joins room i mod rooms; none when 0), and the first {@code senders} of them send {@code
 * messagesPerSender} messages each, at full speed or at {@code totalRatePerSecond} messages a
 * second between them all.
 *
 * @param window messages a sender may have sent and not yet seen echoed; 0 for no limit
 * @param warmUp senders send this long before the measurement begins, so that the server's JIT
 *     compiler is done with the message path; what they send meanwhile is delivered before the
 *     measurement begins, and not counted
 * @param maxSendTime sending stops after this time, whatever is left to send
 */
public record Workload(
    String name,
    int clients,
    int rooms,
    int senders,
    long messagesPerSender,
    int totalRatePerSecond,
    int textChars,
    int window,
    Duration warmUp,
    Duration maxSendTime,
    int connectConcurrency,
    int threads) {

  /** The send time takes 19 digits and a space at the start of every text. */
  public static final int MIN_TEXT_CHARS = 20;

  public Workload {
    require(clients > 0, "there is at least one client");
    require(rooms >= 0 && rooms <= clients, "rooms are between 0 and the number of clients");
    require(senders >= 0 && senders <= clients, "senders are between 0 and the clients");
    require(senders == 0 || rooms > 0, "senders need a room to send to");
    require(messagesPerSender >= 0, "messages per sender are not negative");
    require(totalRatePerSecond >= 0, "the rate is not negative (0: full speed)");
    require(textChars >= MIN_TEXT_CHARS, "a text has at least " + MIN_TEXT_CHARS + " chars");
    require(window >= 0, "the window is not negative (0: no limit)");
    require(!warmUp.isNegative(), "the warm-up is not negative");
    require(connectConcurrency > 0, "at least one connection is set up at a time");
    require(threads > 0 && threads <= clients, "between one thread and one per client");
  }

  public boolean fullSpeed() {
    return totalRatePerSecond == 0;
  }

  public boolean sends() {
    return senders > 0 && messagesPerSender > 0;
  }

  /** Nanoseconds between two messages of one sender: 0 at full speed. */
  long sendIntervalNanos() {
    return fullSpeed() ? 0 : Math.round(1e9 * senders / totalRatePerSecond);
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(rule);
    }
  }
}
