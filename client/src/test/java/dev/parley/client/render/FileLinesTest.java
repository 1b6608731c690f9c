package dev.parley.client.render;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.client.files.FileEvent;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class FileLinesTest {

  private static final Instant NOW = Instant.parse("2026-12-07T14:00:00Z");
  private final FrameRenderer renderer =
      new FrameRenderer(Clock.fixed(NOW, ZoneOffset.UTC), "HH:mm:ss");

  @Test
  void sizesReadInBinaryUnitsWithOneDecimal() {
    assertEquals("0 bytes", FileLines.size(0));
    assertEquals("1 byte", FileLines.size(1));
    assertEquals("1023 bytes", FileLines.size(1023));
    assertEquals("1.0 KiB", FileLines.size(1024));
    assertEquals("1.2 MiB", FileLines.size(1_258_291));
    assertEquals("3.0 GiB", FileLines.size(3L * 1024 * 1024 * 1024));
  }

  @Test
  void aRateIsPerSecond() {
    assertEquals("0 B/s", FileLines.rate(0));
    assertEquals("512 B/s", FileLines.rate(512.4));
    assertEquals("3.4 MiB/s", FileLines.rate(3.4 * 1024 * 1024));
  }

  @Test
  void theTimeLeftReadsAsAClockOnceItIsAMinute() {
    assertEquals("time left unknown", FileLines.timeLeft(null));
    assertEquals("0 s left", FileLines.timeLeft(Duration.ZERO));
    assertEquals("4 s left", FileLines.timeLeft(Duration.ofMillis(3_200)));
    assertEquals("2:05 left", FileLines.timeLeft(Duration.ofSeconds(125)));
    assertEquals("1:02:03 left", FileLines.timeLeft(Duration.ofSeconds(3723)));
  }

  @Test
  void progressSaysThePercentTheRateAndTheTimeLeft() {
    var progress =
        new FileEvent.Progress(
            1,
            FileEvent.Direction.UP,
            "holiday.png",
            1_363_149,
            2_726_298,
            3.4 * 1024 * 1024,
            Duration.ofSeconds(4));
    assertEquals("up holiday.png 50% of 2.6 MiB, 3.4 MiB/s, 4 s left", renderer.progress(progress));
    var empty = new FileEvent.Progress(2, FileEvent.Direction.DOWN, "empty", 0, 0, 0, null);
    assertEquals("down empty 100% of 0 bytes, 0 B/s, time left unknown", renderer.progress(empty));
  }

  private static ServerFrame.Message messageWith(SharedFile file) {
    return new ServerFrame.Message(
        null, "lobby", 7, "alice", "shared holiday.png (1.2 MiB): URL", NOW, null, null, file);
  }

  @Test
  void aSharedFileShowsInsteadOfItsMessagesText() {
    var file =
        new SharedFile(
            "3f2a19bc00112233445566778899aabb",
            "holiday.png",
            1_258_291,
            "image/png",
            "ab".repeat(32),
            "http://chat.example.org/files/3f2a19bc00112233445566778899aabb/holiday.png",
            NOW.plus(Duration.ofDays(7)),
            null);
    assertEquals(
        "[14:00:00] #lobby <alice> shared holiday.png (1.2 MiB) [id 3f2a19bc]  /get 3f2a19bc",
        renderer.render(messageWith(file), "bob").get(0).toString());
    assertEquals(
        "[14:00:00] #lobby <alice> shared holiday.png (1.2 MiB), expired: the server deleted it",
        renderer.render(messageWith(file.asExpired()), "bob").get(0).toString());
  }
}
