package dev.parley.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Markdown table that sets Parley beside the raw relay: per workload, each figure both
 * reported, and the ratio Parley/raw.
 */
public final class ComparisonTable {

  /** One workload, run against both servers. */
  public record Row(Report parley, Report raw) {}

  private ComparisonTable() {}

  public static String render(List<Row> rows) {
    var table = new StringBuilder();
    table.append("| workload | figure | Parley | raw relay | Parley/raw |\n");
    table.append("|---|---|---:|---:|---:|\n");
    for (Row row : rows) {
      String workload = row.parley().workload();
      for (Figure figure : Figure.values()) {
        OptionalDouble parley = row.parley().get(figure);
        OptionalDouble raw = row.raw().get(figure);
        if (!figure.compared() || (parley.isEmpty() && raw.isEmpty())) {
          continue;
        }
        table
            .append("| ")
            .append(workload)
            .append(" | ")
            .append(figure.label())
            .append(" | ")
            .append(parley.isPresent() ? figure.format(parley.getAsDouble()) : "-")
            .append(" | ")
            .append(raw.isPresent() ? figure.format(raw.getAsDouble()) : "-")
            .append(" | ")
            .append(ratio(parley, raw))
            .append(" |\n");
        workload = "";
      }
    }
    return table.toString();
  }

  static String ratio(OptionalDouble parley, OptionalDouble raw) {
    if (parley.isEmpty() || raw.isEmpty() || raw.getAsDouble() == 0) {
      return parley.isPresent() && raw.isPresent() && parley.getAsDouble() == 0 ? "1" : "n/a";
    }
    double ratio = parley.getAsDouble() / raw.getAsDouble();
    return String.format(Locale.ROOT, ratio >= 10 ? "%.0f" : ratio >= 1 ? "%.1f" : "%.2f", ratio);
  }
}
