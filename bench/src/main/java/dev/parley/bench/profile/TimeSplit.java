package dev.parley.bench.profile;

import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/** The samples of one server's profile counted by {@link TimeCategory}. */
final class TimeSplit implements Consumer<PerfSample> {

  private final Map<TimeCategory, Long> samples = new EnumMap<>(TimeCategory.class);
  private long total;

  @Override
  public void accept(PerfSample sample) {
    samples.merge(TimeCategory.of(sample), 1L, Long::sum);
    total++;
  }

  long total() {
    return total;
  }

  double share(TimeCategory category) {
    return total == 0 ? 0 : samples.getOrDefault(category, 0L) / (double) total;
  }

  /** One profiled server: its split and what a delivery cost it in CPU. */
  record Column(String name, TimeSplit split, double microsPerDelivery) {}

  /**
   * The Markdown table of one or more servers' splits, in microseconds of CPU per delivery (the
   * share of the samples times the CPU per delivery), with each share beside it; categories no
   * server spent 0.1 % in are left out.
   */
  static String table(List<Column> columns) {
    var table = new StringBuilder("| where | ");
    columns.forEach(column -> table.append(column.name()).append(" us | share | "));
    table.append("\n|---|");
    columns.forEach(column -> table.append("---:|---:|"));
    table.append('\n');
    for (TimeCategory category : TimeCategory.values()) {
      if (columns.stream().allMatch(column -> column.split().share(category) < 0.001)) {
        continue;
      }
      table.append("| ").append(category.label()).append(" | ");
      for (Column column : columns) {
        double share = column.split().share(category);
        table
            .append(format("%.2f", share * column.microsPerDelivery()))
            .append(" | ")
            .append(format("%.1f %%", 100 * share))
            .append(" | ");
      }
      table.append('\n');
    }
    table.append("| **CPU per delivery** | ");
    columns.forEach(
        column ->
            table
                .append(format("**%.2f**", column.microsPerDelivery()))
                .append(" | ")
                .append(column.split().total())
                .append(" samples | "));
    return table.append('\n').toString();
  }

  private static String format(String pattern, double value) {
    return String.format(Locale.ROOT, pattern, value);
  }
}
