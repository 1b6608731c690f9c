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

/** {@code message-counts COUNTS FIGURES --from MILLIS --to MILLIS}: actor messages per delivery. */
@Command(
    name = "message-counts",
    mixinStandardHelpOptions = true,
    description =
        "Prints the actor messages per delivery and per message sent of a run with"
            + " run.sh --count-messages: COUNTS is what the counting mailbox wrote, FIGURES the"
            + " load generator's figures of the same run.")
public final class MessageCountsCommand implements Callable<Integer> {

  @Parameters(index = "0", paramLabel = "COUNTS")
  private Path counts;

  @Parameters(index = "1", paramLabel = "FIGURES")
  private Path figures;

  @Mixin private MeasuredWindow measured = new MeasuredWindow();

  @Override
  public Integer call() throws IOException {
    var report = Report.read(figures);
    double deliveriesPerSecond = report.get(Figure.DELIVERIES_PER_SECOND).orElse(0);
    double seconds = report.get(Figure.LOAD_SECONDS).orElse(0);
    double sentPerSecond = seconds > 0 ? report.get(Figure.MESSAGES_SENT).orElse(0) / seconds : 0;
    if (deliveriesPerSecond <= 0 || sentPerSecond <= 0) {
      System.err.println("message-counts: no deliveries in " + figures);
      return 1;
    }
    var window =
        MessageCounts.between(Files.readAllLines(counts), measured.fromMillis, measured.toMillis);
    if (window.seconds() <= 0) {
      System.err.println("message-counts: no two counts in the window in " + counts);
      return 1;
    }
    System.out.print(window.table(deliveriesPerSecond, sentPerSecond));
    return 0;
  }
}
