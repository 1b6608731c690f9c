package dev.parley.bench.persist;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code persist-table FIGURES...}: the runs of {@code bench/persist.sh} side by side. */
@Command(
    name = "persist-table",
    mixinStandardHelpOptions = true,
    description = "Prints the Markdown table of persist runs' figures files, one column each.")
public final class PersistTableCommand implements Callable<Integer> {

  @Parameters(paramLabel = "FIGURES", arity = "1..*", description = "Figures files of persist.")
  private List<Path> files;

  @Override
  public Integer call() throws IOException {
    var reports = new ArrayList<PersistReport>();
    for (Path file : files) {
      reports.add(PersistReport.read(file));
    }
    System.out.print(PersistTable.render(reports));
    return 0;
  }
}
