package dev.parley.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class GcLogTest {

  private static final List<String> LINES =
      List.of(
          "[2026-12-07T17:00:00.000+0000] Using Serial",
          "[2026-12-07T17:00:01.000+0000] GC(0) Pause Young (Allocation Failure) 30M->6M(120M) 5.000ms",
          "[2026-12-07T17:00:02.000+0000] GC(1) Pause Young (Allocation Failure) 36M->6M(120M) 3.000ms",
          "[2026-12-07T17:00:03.000+0000] GC(2) Pause Young (Allocation Failure) 36M->7M(120M) 4.000ms",
          "[2026-12-07T17:00:09.000+0000] GC(3) Pause Full (System.gc()) 37M->5M(120M) 40.000ms");

  private static long at(String time) {
    return OffsetDateTime.parse(time).toInstant().toEpochMilli();
  }

  @Test
  void theWindowsCollectionsAndWhatWasAllocatedBetweenThem() {
    var log = GcLog.between(LINES, at("2026-12-07T17:00:01.500Z"), at("2026-12-07T17:00:05Z"));

    assertEquals(2, log.pauses().size());
    assertEquals(4.0, log.pauses().get(1).millis());
    // 36M found at the third less the 6M the second left
    assertEquals(30L << 20, log.allocatedBytes());
  }

  @Test
  void theSummarySaysHowOftenHowLongAndHowMuchPerDelivery() {
    var log = GcLog.between(LINES, at("2026-12-07T17:00:00Z"), at("2026-12-07T17:00:05Z"));

    String summary = log.summary(1 << 20);

    assertTrue(summary.contains("collections: 3 in 2.0 s, one every 1.00 s"), summary);
    assertTrue(
        summary.contains("pauses: mean 4.00 ms, longest 5.00 ms, 0.35 % of the time"), summary);
    assertTrue(summary.contains("allocated: 30.0 MiB/s, 30 bytes per delivery"), summary);
  }
}
