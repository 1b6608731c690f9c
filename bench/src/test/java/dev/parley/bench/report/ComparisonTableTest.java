package dev.parley.bench.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;

class ComparisonTableTest {

  @Test
  void readsBackTheLinesItWrote() {
    var report =
        new Report(
            "100 clients, 1 sender",
            Map.of(Figure.DELIVERIES_PER_SECOND, 812_345.5, Figure.LATENCY_P99, 1.25));

    assertEquals(report, Report.parse(report.lines()));
  }

  @Test
  void setsEachFigureBesideTheRawRelaysWithTheirRatio() {
    var parley =
        new Report(
            "100 clients",
            Map.of(
                Figure.DELIVERIES_PER_SECOND, 1_000_000.0,
                Figure.LATENCY_P99, 2.0,
                Figure.CLIENTS, 100.0));
    var raw =
        new Report(
            "100 clients",
            Map.of(Figure.DELIVERIES_PER_SECOND, 4_000_000.0, Figure.LATENCY_P99, 0.5));

    String table = ComparisonTable.render(List.of(new ComparisonTable.Row(parley, raw)));

    assertTrue(
        table.contains("| 100 clients | deliveries/s | 1,000,000 | 4,000,000 | 0.25 |"), table);
    assertTrue(table.contains("|  | latency p99 | 2.00 ms | 0.500 ms | 4.0 |"), table);
    assertFalse(
        table.contains("| clients |"), "counts that describe the workload are not compared");
  }

  @Test
  void hasNoRatioWithoutBothSidesOrAgainstZero() {
    assertEquals("n/a", ComparisonTable.ratio(OptionalDouble.of(3), OptionalDouble.empty()));
    assertEquals("n/a", ComparisonTable.ratio(OptionalDouble.of(3), OptionalDouble.of(0)));
    assertEquals("1", ComparisonTable.ratio(OptionalDouble.of(0), OptionalDouble.of(0)));
  }
}
