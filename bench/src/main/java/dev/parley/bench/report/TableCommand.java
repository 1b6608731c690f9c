package dev.parley.bench.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code table RESULTS}: the comparison table of the runs that {@code bench/run.sh} kept. */
@Command(
    name = "table",
    mixinStandardHelpOptions = true,
    description =
        "Prints the Markdown table of a results directory: one folder per workload (in name"
            + " order), each with parley.figures and raw.figures; with --irc, parley-irc.figures"
            + " and ngircd.figures.")
public final class TableCommand implements Callable<Integer> {

  static final String PARLEY_FILE = "parley.figures";
  static final String RAW_FILE = "raw.figures";
  static final String PARLEY_IRC_FILE = "parley-irc.figures";
  static final String NGIRCD_FILE = "ngircd.figures";

  @Option(names = "--irc", description = "Parley's IRC door against ngIRCd.")
  private boolean irc;

  @Parameters(paramLabel = "RESULTS", description = "The results directory.")
  private Path results;

  @Override
  public Integer call() throws IOException {
    List<Path> workloads;
    try (Stream<Path> folders = Files.list(results)) {
      workloads = folders.filter(Files::isDirectory).sorted().toList();
    }
    var rows = new ArrayList<ComparisonTable.Row>();
    for (Path workload : workloads) {
      Path parley = workload.resolve(irc ? PARLEY_IRC_FILE : PARLEY_FILE);
      Path raw = workload.resolve(irc ? NGIRCD_FILE : RAW_FILE);
      if (Files.exists(parley) || Files.exists(raw)) {
        Report parleyReport = Files.exists(parley) ? Report.read(parley) : null;
        Report rawReport = Files.exists(raw) ? Report.read(raw) : null;
        rows.add(
            new ComparisonTable.Row(
                parleyReport == null ? empty(rawReport) : parleyReport,
                rawReport == null ? empty(parleyReport) : rawReport));
      }
    }
    System.out.print(
        ComparisonTable.render(
            rows, irc ? ComparisonTable.AGAINST_NGIRCD : ComparisonTable.AGAINST_RAW_RELAY));
    return 0;
  }

  // a side that did not run shows as "-"
  private static Report empty(Report other) {
    return new Report(other.workload(), Map.of());
  }
}
