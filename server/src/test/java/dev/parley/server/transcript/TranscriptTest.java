package dev.parley.server.transcript;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.settings.TranscriptSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TranscriptTest {

  private static final Instant TS = Instant.parse("2026-11-22T07:34:14.123Z");

  @TempDir Path directory;

  private List<Path> files() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.sorted().toList();
    }
  }

  @Test
  void writesEachMessageAndNoticeOnALineOfItsOwn() throws IOException {
    Path file = directory.resolve("chat.log");
    try (var transcript =
        Transcript.create(new TranscriptSettings(true, file, 10_000_000, 30, 8192))) {
      transcript.message("lobby", "alice", "hi\nthere", TS);
      transcript.notice("maintenance at noon", TS);
    }
    assertEquals(
        List.of(
            "2026-11-22T07:34:14.123Z #lobby <alice> hi\\nthere",
            "2026-11-22T07:34:14.123Z * notice: maintenance at noon"),
        Files.readAllLines(file));
  }

  @Test
  void rollsOverToANewFileWhenOneReachesItsSize() throws IOException {
    Path file = directory.resolve("chat.log");
    try (var transcript = Transcript.create(new TranscriptSettings(true, file, 2_000, 30, 8192))) {
      for (int i = 0; i < 100; i++) {
        transcript.message("lobby", "alice", "message number " + i + " " + "x".repeat(40), TS);
      }
    }
    List<Path> files = files();
    assertTrue(files.size() > 1, "rolled files: " + files);
    var lines = new ArrayList<String>();
    for (Path rolled : files) {
      lines.addAll(Files.readAllLines(rolled));
    }
    assertEquals(100, lines.size());
  }

  @Test
  void writesNothingWhenOff() throws IOException {
    Path file = directory.resolve("chat.log");
    try (var transcript = Transcript.create(new TranscriptSettings(false, file, 2_000, 30, 8192))) {
      transcript.message("lobby", "alice", "hi", TS);
    }
    assertEquals(List.of(), files());
  }

  @Test
  void deletesTheClosedFilesOfDaysBeyondItsHistory() throws IOException {
    for (String name :
        List.of(
            "chat.log",
            "chat.2026-11-01.0.log",
            "chat.2026-11-01.1.log",
            "chat.2026-11-02.0.log",
            "other.2026-11-01.0.log")) {
      Files.writeString(directory.resolve(name), "x");
    }
    new TranscriptRetention(directory.resolve("chat.log"), 30)
        .deleteOlderThan(java.time.LocalDate.parse("2026-11-02"));
    assertEquals(
        List.of(
            directory.resolve("chat.2026-11-02.0.log"),
            directory.resolve("chat.log"),
            directory.resolve("other.2026-11-01.0.log")),
        files());
  }
}
