package dev.parley.bench;

import dev.parley.bench.load.LoadCommand;
import dev.parley.bench.relay.RelayCommand;
import dev.parley.bench.report.TableCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar parley-bench.jar load|relay|table ...}. */
@Command(
    name = "parley-bench",
    mixinStandardHelpOptions = true,
    version = "Parley bench 0.1.0",
    description = "Parley's fan-out benchmark: a load generator and the raw relay to compare with.",
    subcommands = {LoadCommand.class, RelayCommand.class, TableCommand.class})
public final class Bench implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
