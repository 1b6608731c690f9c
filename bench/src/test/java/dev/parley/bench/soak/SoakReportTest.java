package dev.parley.bench.soak;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class SoakReportTest {

  private static final long MIB = 1024;

  @Test
  void aClearLeakIsMoreThanTwiceAndMoreThanFiftyMebibytes() {
    assertTrue(SoakReport.clearLeak(100 * MIB, 201 * MIB));
  }

  @Test
  void twiceASmallLevelIsNoClearLeak() {
    assertFalse(SoakReport.clearLeak(20 * MIB, 60 * MIB));
  }

  @Test
  void fiftyMebibytesMoreOnALargeLevelIsNoClearLeak() {
    assertFalse(SoakReport.clearLeak(300 * MIB, 400 * MIB));
  }

  @Test
  void failsWhenAnyCheckFails() {
    var report =
        new SoakReport(
            List.of(new SoakReport.Row("seed", "1")),
            List.of(
                new SoakReport.Check("first", true, "fine"),
                new SoakReport.Check("second", false, "not")));

    assertFalse(report.passed());
    assertTrue(report.render().contains("| second | FAIL | not |"));
  }
}
