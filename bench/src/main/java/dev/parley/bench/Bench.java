package dev.parley.bench;

import dev.parley.bench.load.LoadCommand;
import dev.parley.bench.persist.PersistCommand;
import dev.parley.bench.persist.PersistTableCommand;
import dev.parley.bench.pressure.PressureCommand;
import dev.parley.bench.profile.GcLogCommand;
import dev.parley.bench.profile.MessageCountsCommand;
import dev.parley.bench.profile.TimeSplitCommand;
import dev.parley.bench.relay.RelayCommand;
import dev.parley.bench.report.TableCommand;
import dev.parley.bench.soak.SoakCommand;
import dev.parley.bench.tls.TlsCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar parley-bench.jar load|relay|table|persist|persist-table|tls|soak ...}. */
@Command(
    name = "parley-bench",
    mixinStandardHelpOptions = true,
    version = "Parley bench 0.1.0",
    description =
        "Parley's benchmarks: fan-out (a load generator and the raw relay to compare with),"
            + " persistence, fan-out through TLS against cleartext, and a soak.",
    subcommands = {
      LoadCommand.class,
      RelayCommand.class,
      TableCommand.class,
      PersistCommand.class,
      PersistTableCommand.class,
      TlsCommand.class,
      SoakCommand.class,
      PressureCommand.class,
      TimeSplitCommand.class,
      MessageCountsCommand.class,
      GcLogCommand.class
    })
public final class Bench implements Runnable {

  @CommandLine.Spec private CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    // a script's defaults come first on the command line; what follows overrides them
    System.exit(new CommandLine(new Bench()).setOverwrittenOptionsAllowed(true).execute(args));
  }

  @Override
  public void run() {
    spec.commandLine().usage(System.err);
  }
}
