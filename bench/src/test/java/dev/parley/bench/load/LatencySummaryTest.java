package dev.parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class LatencySummaryTest {

  @Test
  void givesPercentilesInMilliseconds() {
    var nanos = new Histogram(ClientLoop.HIGHEST_RECORDED_NANOS, 3);
    for (int millis = 1; millis <= 1000; millis++) {
      nanos.recordValue(millis * 1_000_000L);
    }

    var summary = LatencySummary.of(nanos);

    assertEquals(1000, summary.count());
    assertEquals(500, summary.p50(), 1);
    assertEquals(900, summary.p90(), 1);
    assertEquals(990, summary.p99(), 1);
    assertEquals(999, summary.p999(), 1);
    assertEquals(1000, summary.max(), 1);
  }
}
