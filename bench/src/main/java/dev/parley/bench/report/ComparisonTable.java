package dev.parley.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The Markdown table that sets Parley beside a baseline, the raw relay or another IRC server: per
 * workload, each figure both reported, and the ratio Parley/baseline.
 */
public final class ComparisonTable {

  /** One workload, run against both servers. */
  public record Row(Report parley, Report raw) {}

  /** What the table calls the two servers and their ratio. */
  public record Columns(String parley, String baseline, String ratio) {}

  public static final Columns AGAINST_RAW_RELAY = new Columns("Parley", "raw relay", "Parley/raw");
  public static final Columns AGAINST_NGIRCD =
      new Columns("Parley's IRC door", "ngIRCd", "Parley/ngIRCd");

  private ComparisonTable() {}

  public static String render(List<Row> rows) {
    return render(rows, AGAINST_RAW_RELAY);
  }

  public static String render(List<Row> rows, Columns columns) {
    var table = new StringBuilder();
    table
        .append("| workload | figure | ")
        .append(columns.parley())
        .append(" | ")
        .append(columns.baseline())
        .append(" | ")
        .append(columns.ratio())
        .append(" |\n");
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
