package dev.parley.bench.profile;

import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The collections of a window of a run, from the server's {@code -Xlog:gc:file=F:time} (one line a
 * collection: {@code [TIME] GC(N) Pause Young (Allocation Failure) 80M->5M(300M) 4.123ms}): how
 * often the server stopped, for how long, and how much it allocated meanwhile (what a collection
 * found less what the one before left).
 */
final class GcLog {

  record Pause(long atMillis, long heapBeforeBytes, long heapAfterBytes, double millis) {}

  private static final Pattern PAUSE =
      Pattern.compile(
          "^\\[([^]]+)].*GC\\(\\d+\\) Pause \\w+.*? (\\d+)([KMG])->(\\d+)([KMG])\\(\\d+[KMG]\\)"
              + " ([0-9.]+)ms$");
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSZ");

  private final List<Pause> pauses;
  private final long allocatedBytes;

  private GcLog(List<Pause> pauses, long allocatedBytes) {
    this.pauses = pauses;
    this.allocatedBytes = allocatedBytes;
  }

  static GcLog between(List<String> lines, long fromMillis, long toMillis) {
    var pauses = new ArrayList<Pause>();
    long allocated = 0;
    // the window's collection before, whose leftover the next one's finding is counted from
    Pause previous = null;
    for (String line : lines) {
      Matcher pause = PAUSE.matcher(line.strip());
      if (!pause.matches()) {
        continue;
      }
      var current =
          new Pause(
              OffsetDateTime.parse(pause.group(1), TIME).toInstant().toEpochMilli(),
              bytes(pause.group(2), pause.group(3)),
              bytes(pause.group(4), pause.group(5)),
              Double.parseDouble(pause.group(6)));
      if (current.atMillis() >= fromMillis && current.atMillis() <= toMillis) {
        if (previous != null) {
          allocated += current.heapBeforeBytes() - previous.heapAfterBytes();
        }
        pauses.add(current);
        previous = current;
      }
    }
    return new GcLog(pauses, allocated);
  }

  private static long bytes(String amount, String unit) {
    long shift =
        switch (unit) {
          case "K" -> 10;
          case "M" -> 20;
          default -> 30;
        };
    return Long.parseLong(amount) << shift;
  }

  List<Pause> pauses() {
    return pauses;
  }

  /** What was allocated between the window's first collection and its last. */
  long allocatedBytes() {
    return allocatedBytes;
  }

  /** The figures of the window, as lines for a person; per delivery at the run's steady rate. */
  String summary(double deliveriesPerSecond) {
    if (pauses.size() < 2) {
      return "fewer than two collections in the window\n";
    }
    double seconds = (pauses.get(pauses.size() - 1).atMillis() - pauses.get(0).atMillis()) / 1000.0;
    double paused = pauses.stream().skip(1).mapToDouble(Pause::millis).sum();
    double longest = pauses.stream().mapToDouble(Pause::millis).max().orElse(0);
    double mean = pauses.stream().mapToDouble(Pause::millis).average().orElse(0);
    return String.format(
        Locale.ROOT,
        "collections: %d in %.1f s, one every %.2f s%n"
            + "pauses: mean %.2f ms, longest %.2f ms, %.2f %% of the time%n"
            + "allocated: %.1f MiB/s, %.0f bytes per delivery%n",
        pauses.size(),
        seconds,
        seconds / (pauses.size() - 1),
        mean,
        longest,
        paused / seconds / 10,
        allocatedBytes / seconds / (1 << 20),
        allocatedBytes / seconds / deliveriesPerSecond);
  }
}
