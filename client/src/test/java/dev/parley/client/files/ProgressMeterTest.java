package dev.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProgressMeterTest {

  private static final long SECOND = 1_000_000_000L;
  private static final long MIB = 1024 * 1024;

  @Test
  void theRateAndTimeLeftCountFromTheStart() {
    var meter = new ProgressMeter(10 * MIB, Duration.ofMillis(250), 0, 0);
    assertEquals(2.0 * MIB, meter.rate(SECOND / 2, MIB), 0.001);
    assertEquals(Duration.ofMillis(4500), meter.left(SECOND / 2, MIB));
  }

  @Test
  void theTimeLeftIsUnknownWhileNothingCameThrough() {
    var meter = new ProgressMeter(MIB, Duration.ofMillis(250), 0, 0);
    assertNull(meter.left(SECOND, 0));
    assertEquals(0, meter.rate(0, 0));
  }

  @Test
  void afterARestartTheRateCountsFromWhereItWentOn() {
    var meter = new ProgressMeter(10 * MIB, Duration.ofMillis(250), 0, 0);
    meter.restart(10 * SECOND, 4 * MIB);
    assertEquals(MIB, meter.rate(11 * SECOND, 5 * MIB), 0.001);
    assertEquals(Duration.ofSeconds(5), meter.left(11 * SECOND, 5 * MIB));
  }

  @Test
  void progressIsDueAtMostOnceAnInterval() {
    var meter = new ProgressMeter(MIB, Duration.ofMillis(250), 0, 0);
    assertFalse(meter.due(SECOND / 10));
    assertTrue(meter.due(SECOND / 4));
    assertFalse(meter.due(SECOND / 4 + SECOND / 10));
    assertTrue(meter.due(SECOND / 2));
  }
}
