package dev.parley.bench.tls;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * The Markdown table of a TLS run: per workload, each figure through the cleartext port and through
 * the TLS port, and the ratio TLS/cleartext.
 */
final class TransportTable {

  /** One workload: its rounds through each transport, pooled. */
  record Row(FanOut fanOut, TransportFigures cleartext, TransportFigures tls) {}

  private static final String NONE = "";

  private TransportTable() {}

  static String render(List<Row> rows) {
    var table = new StringBuilder();
    table.append("| workload | figure | cleartext | TLS | TLS/cleartext |\n");
    table.append("|---|---|---:|---:|---:|\n");
    for (Row row : rows) {
      var lines = new LineWriter(table, row);
      lines.compared("deliveries/s", TransportFigures::deliveriesPerSecond, TransportTable::count);
      lines.compared("latency p50", f -> f.latency().p50(), TransportTable::milliseconds);
      lines.compared("latency p99", f -> f.latency().p99(), TransportTable::milliseconds);
      lines.compared(
          "server CPU per delivery",
          TransportFigures::serverCpuMicrosPerDelivery,
          TransportTable::microseconds);
      lines.compared("server CPU", TransportFigures::serverCpuPercent, TransportTable::percent);
      lines.compared("bench CPU", TransportFigures::benchCpuPercent, TransportTable::percent);
      lines.shown(
          "server CPU per delivery, each round",
          f ->
              f.serverCpuMicrosByRound().stream()
                  .map(TransportTable::microseconds)
                  .collect(Collectors.joining(", ")));
      lines.shown(
          "other processes on the server's / bench's core",
          f ->
              percent(f.othersOnServerCoresPercent())
                  + " / "
                  + percent(f.othersOnBenchCoresPercent()));
      lines.shown("gap frames (drops for slow readers)", f -> count(f.gaps()));
    }
    return table.toString();
  }

  /** TLS over cleartext, two decimals: the figures are close. */
  static String ratio(double tls, double cleartext) {
    if (cleartext == 0) {
      return tls == 0 ? "1" : "n/a";
    }
    return String.format(Locale.ROOT, "%.2f", tls / cleartext);
  }

  /** Writes a row's lines; the workload's name stands on the first. */
  private static final class LineWriter {

    private final StringBuilder table;
    private final Row row;
    private String workload;

    LineWriter(StringBuilder table, Row row) {
      this.table = table;
      this.row = row;
      this.workload = row.fanOut().name();
    }

    void compared(
        String label, ToDoubleFunction<TransportFigures> figure, Function<Double, String> format) {
      double cleartext = figure.applyAsDouble(row.cleartext());
      double tls = figure.applyAsDouble(row.tls());
      line(label, format.apply(cleartext), format.apply(tls), ratio(tls, cleartext));
    }

    void shown(String label, Function<TransportFigures, String> cell) {
      line(label, cell.apply(row.cleartext()), cell.apply(row.tls()), NONE);
    }

    private void line(String label, String cleartext, String tls, String ratio) {
      table
          .append("| ")
          .append(workload)
          .append(" | ")
          .append(label)
          .append(" | ")
          .append(cleartext)
          .append(" | ")
          .append(tls)
          .append(" | ")
          .append(ratio)
          .append(" |\n");
      workload = "";
    }
  }

  private static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String percent(double value) {
    return count(value) + " %";
  }

  private static String milliseconds(double value) {
    return significant(value) + " ms";
  }

  private static String microseconds(double value) {
    return significant(value) + " µs";
  }

  // three significant digits, never in exponent notation
  private static String significant(double value) {
    double magnitude = Math.abs(value);
    int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
