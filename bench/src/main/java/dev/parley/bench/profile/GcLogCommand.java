package dev.parley.bench.profile;

import dev.parley.bench.report.Figure;
import dev.parley.bench.report.Report;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code gc-log LOG FIGURES --from MILLIS --to MILLIS}: the collector's pauses and allocations. */
@Command(
    name = "gc-log",
    mixinStandardHelpOptions = true,
    description =
        "Prints the collections of a run with run.sh --gc-log in its measurement's window: how"
            + " often and how long the server stopped, and the bytes allocated per delivery."
            + " LOG is the server's -Xlog:gc:file=LOG:time, FIGURES the load generator's figures.")
public final class GcLogCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "LOG")
  private Path log;

  @Parameters(index = "1", paramLabel = "FIGURES")
  private Path figures;

  @Mixin private MeasuredWindow measured = new MeasuredWindow();

  @Override
  public Integer call() throws IOException {
    double deliveriesPerSecond = Report.read(figures).get(Figure.DELIVERIES_PER_SECOND).orElse(0);
    if (deliveriesPerSecond <= 0) {
      System.err.println("gc-log: no deliveries in " + figures);
      return 1;
    }
    System.out.print(
        GcLog.between(Files.readAllLines(log), measured.fromMillis, measured.toMillis)
            .summary(deliveriesPerSecond));
    return 0;
  }
}
