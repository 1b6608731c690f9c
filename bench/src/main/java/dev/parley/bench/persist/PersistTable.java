package dev.parley.bench.persist;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/** The Markdown table of persistence runs: one column per run, one row per figure. */
public final class PersistTable {

  private static final String NONE = "-";
  private static final double MIB = 1024 * 1024;

  private PersistTable() {}

  public static String render(List<PersistReport> reports) {
    var rows = new ArrayList<String>();
    rows.add(row("figure", reports, PersistReport::configuration));
    rows.add("|---|" + "---:|".repeat(reports.size()));
    var phases = new LinkedHashSet<PersistBenchmark.Phase>();
    reports.forEach(
        r ->
            r.sending()
                .forEach(s -> phases.add(new PersistBenchmark.Phase(s.senders(), s.window()))));
    for (PersistBenchmark.Phase phase : phases) {
      String who =
          String.format(
              Locale.ROOT,
              "%d %s (window %d)",
              phase.senders(),
              phase.senders() == 1 ? "sender" : "senders",
              phase.window());
      rows.add(
          row(who + ": says stored/s", reports, r -> sending(r, phase, s -> count(s.perSecond()))));
      rows.add(
          row(
              who + ": slowest second",
              reports,
              r -> sending(r, phase, s -> count(s.slowestSecond()))));
      rows.add(
          row(
              who + ": say to acknowledgement p50 / p99",
              reports,
              r ->
                  sending(
                      r,
                      phase,
                      s ->
                          milliseconds(s.latencyP50Ms())
                              + " / "
                              + milliseconds(s.latencyP99Ms()))));
      rows.add(
          row(
              who + ": CPU of the server / of others on its core",
              reports,
              r ->
                  sending(
                      r,
                      phase,
                      s -> percents(s.serverCpuPercent(), s.othersOnServerCoresPercent()))));
      rows.add(
          row(
              who + ": CPU of the bench / of others on its core",
              reports,
              r ->
                  sending(
                      r,
                      phase,
                      s -> percents(s.benchCpuPercent(), s.othersOnBenchCoresPercent()))));
    }
    rows.add(
        row(
            "fill: messages, senders",
            reports,
            r -> fill(r, f -> count(f.messages()) + ", " + f.senders())));
    rows.add(
        row(
            "fill: time (says stored/s)",
            reports,
            r -> fill(r, f -> seconds(f.seconds()) + " (" + count(f.perSecond()) + ")")));
    rows.add(
        row("store on disk after the fill", reports, r -> fill(r, f -> mebibytes(f.storeBytes()))));
    rows.add(
        row(
            "store on disk after the restarts",
            reports,
            r -> fill(r, f -> mebibytes(f.storeBytesAfterRestarts()))));
    rows.add(
        row(
            "SIGTERM to exit, after the fill",
            reports,
            r -> fill(r, f -> seconds(f.stopSeconds()))));
    rows.add(row("start to Listening, empty store", reports, r -> seconds(r.emptyStartSeconds())));
    rows.add(row("restarts", reports, r -> count(r.recoveries().size())));
    rows.add(
        row(
            "recovery: start to join answered",
            reports,
            r -> recovery(r, PersistReport.Recovery::startToAnsweredSeconds)));
    rows.add(
        row(
            "recovery: start to Listening",
            reports,
            r -> recovery(r, PersistReport.Recovery::startToListeningSeconds)));
    rows.add(
        row(
            "recovery: Listening to join answered",
            reports,
            r -> recovery(r, PersistReport.Recovery::listeningToAnsweredSeconds)));
    rows.add(
        row(
            "recovery: join sent to replay in",
            reports,
            r -> recovery(r, PersistReport.Recovery::joinToAnsweredSeconds)));
    rows.add(
        row(
            "recovery: replayed, last seq",
            reports,
            r ->
                r.recoveries().isEmpty()
                    ? NONE
                    : r.recoveries().stream()
                        .map(each -> each.replayed() + ", " + count(each.lastSeq()))
                        .distinct()
                        .reduce((a, b) -> a + "; " + b)
                        .orElseThrow()));
    return String.join("\n", rows) + "\n";
  }

  /** The median, the mean of the middle two for an even count. */
  static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  private static String row(
      String label, List<PersistReport> reports, Function<PersistReport, String> cell) {
    var row = new StringBuilder("| ").append(label).append(" |");
    reports.forEach(report -> row.append(' ').append(cell.apply(report)).append(" |"));
    return row.toString();
  }

  private static String sending(
      PersistReport report,
      PersistBenchmark.Phase phase,
      Function<PersistReport.Sending, String> cell) {
    Optional<PersistReport.Sending> figures =
        report.sending().stream()
            .filter(s -> s.senders() == phase.senders() && s.window() == phase.window())
            .findFirst();
    return figures.map(cell).orElse(NONE);
  }

  private static String fill(PersistReport report, Function<PersistReport.Fill, String> cell) {
    return report.fill() == null ? NONE : cell.apply(report.fill());
  }

  // the median of the restarts
  private static String recovery(
      PersistReport report, ToDoubleFunction<PersistReport.Recovery> figure) {
    if (report.recoveries().isEmpty()) {
      return NONE;
    }
    double[] values = report.recoveries().stream().mapToDouble(figure).toArray();
    return seconds(median(values));
  }

  private static String mebibytes(long bytes) {
    return bytes < 0 ? NONE : significant(bytes / MIB) + " MiB";
  }

  private static String percents(double first, double second) {
    return count(first) + " % / " + count(second) + " %";
  }

  private static String count(double value) {
    return String.format(Locale.ROOT, "%,.0f", value);
  }

  private static String seconds(double value) {
    return significant(value) + " s";
  }

  private static String milliseconds(double value) {
    return significant(value) + " ms";
  }

  // three significant digits, never in exponent notation
  private static String significant(double value) {
    double magnitude = Math.abs(value);
    int decimals = magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3;
    return String.format(Locale.ROOT, "%,." + decimals + "f", value);
  }
}
