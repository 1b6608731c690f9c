package dev.parley.bench.profile;

import dev.parley.bench.report.Figure;
import dev.parley.bench.report.Report;
import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code time-split WORKLOAD_DIR}: where each microsecond of a delivery went, per server. */
@Command(
    name = "time-split",
    mixinStandardHelpOptions = true,
    description =
        "Prints where each server's CPU went per delivery, from what run.sh --perf kept in one"
            + " workload's folder: TARGET-perf.script (perf script's text) and TARGET.figures"
            + " (its deliveries per second of server CPU), for each target that has both.")
public final class TimeSplitCommand implements Callable<Integer> {

  private static final List<String> TARGETS = List.of("parley", "raw", "parley-irc", "ngircd");

  @Parameters(paramLabel = "WORKLOAD_DIR", description = "One workload's folder of results.")
  private Path folder;

  @Override
  public Integer call() throws IOException {
    var columns = new ArrayList<TimeSplit.Column>();
    for (String target : TARGETS) {
      Path script = folder.resolve(target + "-perf.script");
      Path figures = folder.resolve(target + ".figures");
      if (!Files.exists(script) || !Files.exists(figures)) {
        continue;
      }
      var perCpuSecond = Report.read(figures).get(Figure.DELIVERIES_PER_SERVER_CPU_SECOND);
      if (perCpuSecond.isEmpty() || perCpuSecond.getAsDouble() <= 0) {
        continue;
      }
      var split = new TimeSplit();
      try (BufferedReader text = Files.newBufferedReader(script, StandardCharsets.UTF_8)) {
        PerfScript.read(text, split);
      }
      columns.add(new TimeSplit.Column(target, split, 1e6 / perCpuSecond.getAsDouble()));
    }
    if (columns.isEmpty()) {
      System.err.println("time-split: no TARGET-perf.script with its TARGET.figures in " + folder);
      return 1;
    }
    System.out.print(TimeSplit.table(columns));
    return 0;
  }
}
