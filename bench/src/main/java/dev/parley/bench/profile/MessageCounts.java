package dev.parley.bench.profile;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The actor messages a window of a run put into mailboxes, from the lines {@link CountingMailbox}
 * wrote ({@code MILLIS kind/class=COUNT ...}, counts so far): the first line at or after the
 * window's start is subtracted from the last line at or before its end, and {@link #seconds} is the
 * time between the two.
 */
final class MessageCounts {

  private final Map<String, Long> inWindow;
  private final double seconds;

  private MessageCounts(Map<String, Long> inWindow, double seconds) {
    this.inWindow = inWindow;
    this.seconds = seconds;
  }

  static MessageCounts between(List<String> lines, long fromMillis, long toMillis) {
    Map<String, Long> atStart = null;
    Map<String, Long> atEnd = Map.of();
    long startMillis = 0;
    long endMillis = 0;
    for (String line : lines) {
      String[] fields = line.strip().split(" ");
      if (fields[0].isEmpty()) {
        continue;
      }
      long millis = Long.parseLong(fields[0]);
      if (millis >= fromMillis && atStart == null) {
        atStart = counts(fields);
        startMillis = millis;
      }
      if (millis <= toMillis) {
        atEnd = counts(fields);
        endMillis = millis;
      }
    }
    if (atStart == null || endMillis <= startMillis) {
      return new MessageCounts(Map.of(), 0);
    }
    var inWindow = new HashMap<String, Long>();
    for (var count : atEnd.entrySet()) {
      long before = atStart.getOrDefault(count.getKey(), 0L);
      if (count.getValue() > before) {
        inWindow.put(count.getKey(), count.getValue() - before);
      }
    }
    return new MessageCounts(inWindow, (endMillis - startMillis) / 1000.0);
  }

  /** The time between the two lines the counts are the difference of. */
  double seconds() {
    return seconds;
  }

  private static Map<String, Long> counts(String[] fields) {
    var counts = new HashMap<String, Long>();
    for (int i = 1; i < fields.length; i++) {
      int equals = fields[i].lastIndexOf('=');
      counts.put(fields[i].substring(0, equals), Long.parseLong(fields[i].substring(equals + 1)));
    }
    return counts;
  }

  long total() {
    return inWindow.values().stream().mapToLong(Long::longValue).sum();
  }

  /** The counts by the kind of actor they were for ({@code session}, {@code stream}...). */
  Map<String, Long> byKind() {
    var byKind = new TreeMap<String, Long>();
    inWindow.forEach(
        (key, count) -> byKind.merge(key.substring(0, key.indexOf('/')), count, Long::sum));
    return byKind;
  }

  /**
   * The Markdown table of the messages per delivery and per message sent, by kind of actor, then
   * the classes that were at least one in a thousand of them; the rates are the run's, steady over
   * the window.
   */
  String table(double deliveriesPerSecond, double messagesSentPerSecond) {
    double deliveries = deliveriesPerSecond * seconds;
    double messagesSent = messagesSentPerSecond * seconds;
    var table = new StringBuilder("| actor | message | per delivery | per message sent |\n");
    table.append("|---|---|---:|---:|\n");
    long total = total();
    byKind().entrySet().stream()
        .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
        .forEach(
            kind -> {
              row(table, kind.getKey(), "all", kind.getValue(), deliveries, messagesSent);
              List<Map.Entry<String, Long>> classes = new ArrayList<>();
              inWindow.entrySet().stream()
                  .filter(entry -> entry.getKey().startsWith(kind.getKey() + "/"))
                  .filter(entry -> entry.getValue() * 1000 >= total)
                  .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                  .forEach(classes::add);
              classes.forEach(
                  entry ->
                      row(
                          table,
                          "",
                          shortName(entry.getKey().substring(kind.getKey().length() + 1)),
                          entry.getValue(),
                          deliveries,
                          messagesSent));
            });
    row(table, "**all**", "", total, deliveries, messagesSent);
    return table.toString();
  }

  private static void row(
      StringBuilder table,
      String kind,
      String message,
      long count,
      double deliveries,
      double messagesSent) {
    table
        .append("| ")
        .append(kind)
        .append(" | ")
        .append(message)
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.3f", count / deliveries))
        .append(" | ")
        .append(String.format(Locale.ROOT, "%.1f", count / messagesSent))
        .append(" |\n");
  }

  // org.apache.pekko.actor.typed.internal.AdaptMessage -> AdaptMessage
  private static String shortName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
