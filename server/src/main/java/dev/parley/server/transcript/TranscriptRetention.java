package dev.parley.server.transcript;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * Deletes the closed files of a transcript, {@code NAME.yyyy-MM-dd.N.log} beside it, once their day
 * is more than {@code days} days ago.
 */
final class TranscriptRetention {

  private final Path directory;
  private final Pattern closedFile;
  private final int days;

  TranscriptRetention(Path file, int days) {
    Path absolute = file.toAbsolutePath();
    String name = absolute.getFileName().toString();
    String base = name.endsWith(".log") ? name.substring(0, name.length() - 4) : name;
    this.directory = absolute.getParent();
    this.closedFile =
        Pattern.compile(Pattern.quote(base) + "\\.(\\d{4}-\\d{2}-\\d{2})\\.\\d+\\.log");
    this.days = days;
  }

  void deleteExpired() {
    deleteOlderThan(LocalDate.now().minusDays(days));
  }

  void deleteOlderThan(LocalDate oldestKept) {
    if (!Files.isDirectory(directory)) {
      return;
    }
    try (Stream<Path> files = Files.list(directory)) {
      files.filter(file -> isClosedBefore(file, oldestKept)).forEach(TranscriptRetention::delete);
    } catch (IOException | UncheckedIOException e) {
      LoggerFactory.getLogger(TranscriptRetention.class)
          .warn("Could not clean up the transcript files in {}: {}", directory, e.getMessage());
    }
  }

  private boolean isClosedBefore(Path file, LocalDate oldestKept) {
    Matcher name = closedFile.matcher(file.getFileName().toString());
    if (!name.matches()) {
      return false;
    }
    try {
      return LocalDate.parse(name.group(1)).isBefore(oldestKept);
    } catch (DateTimeParseException notADate) {
      return false;
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
