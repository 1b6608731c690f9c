package dev.parley.bench.soak;

import java.util.List;

/** The soak's figures and checks, as the Markdown table it prints. */
public record SoakReport(List<Row> rows, List<Check> checks) {

  /** One figure of the run. */
  public record Row(String figure, String value) {}

  /** One thing the soak checks, whether it held, and what was seen. */
  public record Check(String name, boolean passed, String seen) {}

  private static final long CLEAR_LEAK_KIB = 50 * 1024;

  public SoakReport {
    rows = List.copyOf(rows);
    checks = List.copyOf(checks);
  }

  /**
   * Whether the server's memory after the clients left, both after a collection, shows a clear
   * leak: more than twice and more than 50 MiB above its level before they came. Less may be the
   * JIT's code, grown pools and the stored history.
   */
  public static boolean clearLeak(long beforeKib, long afterKib) {
    return afterKib > 2 * beforeKib && afterKib - beforeKib > CLEAR_LEAK_KIB;
  }

  public boolean passed() {
    return checks.stream().allMatch(Check::passed);
  }

  public String render() {
    var out = new StringBuilder();
    out.append("| figure | value |\n|---|---|\n");
    rows.forEach(
        row ->
            out.append("| ").append(row.figure()).append(" | ").append(row.value()).append(" |\n"));
    out.append("\n| check | result | seen |\n|---|---|---|\n");
    checks.forEach(
        check ->
            out.append("| ")
                .append(check.name())
                .append(" | ")
                .append(check.passed() ? "pass" : "FAIL")
                .append(" | ")
                .append(check.seen())
                .append(" |\n"));
    return out.toString();
  }
}
