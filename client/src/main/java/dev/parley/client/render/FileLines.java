package dev.parley.client.render;

import static dev.parley.client.render.Lines.DIM;
import static dev.parley.client.render.Lines.PLAIN;
import static dev.parley.client.render.Lines.count;

import dev.parley.client.files.FileEvent;
import dev.parley.client.files.SeenFile;
import dev.parley.protocol.SharedFile;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * The lines of files shared through the server: a file's announcement in place of its message's
 * text, and what uploads and downloads tell, with sizes, rates and times left as people read them.
 */
final class FileLines {

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB", "PiB", "EiB"};

  private final Lines lines;
  private final Clock clock;

  FileLines(Lines lines, Clock clock) {
    this.lines = lines;
    this.clock = clock;
  }

  /** What a message's text says of its file: {@code shared NAME (SIZE) [id ID] /get ID}. */
  AttributedStringBuilder announcement(AttributedStringBuilder head, SharedFile file) {
    head.append("shared ").styled(PLAIN.bold(), Lines.orEmpty(file.name()));
    head.append(" (" + size(file.size()) + ")");
    if (file.hasExpired(clock.instant()) || file.url() == null) {
      return head.styled(DIM, ", expired: the server deleted it");
    }
    String id = SeenFile.shortId(file.id());
    return head.append(" [id " + id + "]  ").styled(DIM, "/get " + id);
  }

  List<AttributedString> render(FileEvent event) {
    if (event instanceof FileEvent.Sending sending) {
      return info(
          "sending " + sending.name() + " (" + size(sending.size()) + ") to " + sending.where());
    }
    if (event instanceof FileEvent.Receiving receiving) {
      return info(
          "downloading "
              + receiving.name()
              + " ("
              + size(receiving.size())
              + ") to "
              + receiving.to()
              + (receiving.from() > 0
                  ? ", going on after the " + size(receiving.from()) + " kept before"
                  : ""));
    }
    if (event instanceof FileEvent.Retrying retrying) {
      return List.of(
          lines.problem(
              doing(retrying.direction())
                  + " "
                  + retrying.name()
                  + ": "
                  + retrying.why()
                  + "; at "
                  + size(retrying.done())
                  + ", trying again in "
                  + Lines.seconds(retrying.in())
                  + " (try "
                  + retrying.attempt()
                  + " of "
                  + retrying.of()
                  + ")"));
    }
    if (event instanceof FileEvent.Sent sent) {
      return info(
          "sent "
              + sent.name()
              + " ("
              + size(sent.size())
              + ") to "
              + sent.where()
              + " in "
              + took(sent.took()));
    }
    if (event instanceof FileEvent.Received received) {
      return info(
          "downloaded "
              + received.name()
              + " ("
              + size(received.size())
              + ") to "
              + received.path()
              + " in "
              + took(received.took())
              + "; its SHA-256 is the one announced");
    }
    if (event instanceof FileEvent.Failed failed) {
      String what = failed.direction() == FileEvent.Direction.UP ? "not sent" : "not downloaded";
      return List.of(lines.problem(failed.name() + " " + what + ": " + failed.reason()));
    }
    if (event instanceof FileEvent.Listed listed) {
      return listed(listed.files());
    }
    // progress shows in place, on a terminal that can
    return List.of();
  }

  /** One transfer's progress: {@code up holiday.png 45% of 2.6 MiB, 3.4 MiB/s, 4 s left}. */
  static String progress(FileEvent.Progress progress) {
    long percent = progress.size() == 0 ? 100 : progress.done() * 100 / progress.size();
    return (progress.direction() == FileEvent.Direction.UP ? "up " : "down ")
        + progress.name()
        + " "
        + percent
        + "% of "
        + size(progress.size())
        + ", "
        + rate(progress.bytesPerSecond())
        + ", "
        + timeLeft(progress.left());
  }

  private List<AttributedString> listed(List<SeenFile> files) {
    if (files.isEmpty()) {
      return info("no files were shared with you this session");
    }
    List<AttributedString> shown = new ArrayList<>();
    shown.add(lines.info(null, count(files.size(), "file") + " shared with you (/get ID):"));
    int width =
        files.stream().mapToInt(seen -> Lines.orEmpty(seen.file().name()).length()).max().orElse(0);
    for (SeenFile seen : files) {
      SharedFile file = seen.file();
      String name = Lines.orEmpty(file.name());
      var line =
          new AttributedStringBuilder()
              .append("   ")
              .styled(PLAIN.bold(), seen.shortId())
              .append("  " + name + " ".repeat(width - name.length()))
              .append(String.format("  %10s  ", size(file.size())))
              .append("from " + Lines.orEmpty(seen.from()))
              .append(seen.room() == null ? " (direct)" : " in #" + seen.room());
      if (file.hasExpired(clock.instant()) || file.url() == null) {
        line.styled(DIM, "  expired");
      }
      shown.add(Lines.visible(line.toAttributedString()));
    }
    return shown;
  }

  private List<AttributedString> info(String text) {
    return List.of(lines.info(null, text));
  }

  private static String doing(FileEvent.Direction direction) {
    return direction == FileEvent.Direction.UP ? "sending" : "downloading";
  }

  /** {@code 512 bytes}, {@code 1.2 MiB}: binary units, one decimal. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return count(bytes, "byte");
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, UNITS[unit]);
  }

  /** {@code 3.4 MiB/s}. */
  static String rate(double bytesPerSecond) {
    long rounded = Math.round(bytesPerSecond);
    return (rounded < 1024 ? rounded + " B" : size(rounded)) + "/s";
  }

  /** {@code 4 s left}, {@code 2:05 left}, {@code 1:02:03 left}; unknown while nothing came. */
  static String timeLeft(Duration left) {
    if (left == null) {
      return "time left unknown";
    }
    return clockTime(left) + " left";
  }

  private static String took(Duration took) {
    return clockTime(took);
  }

  private static String clockTime(Duration duration) {
    long seconds = (duration.toMillis() + 999) / 1000;
    if (seconds < 60) {
      return seconds + " s";
    }
    if (seconds < 3600) {
      return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }
    return String.format(
        Locale.ROOT, "%d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
  }
}
