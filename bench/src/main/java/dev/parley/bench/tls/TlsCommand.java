package dev.parley.bench.tls;

import dev.parley.bench.persist.ServerJvm;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code tls}: the same fan-out through the cleartext port and the TLS port of one server. */
@Command(
    name = "tls",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the server with a cleartext and a TLS port (a certificate made at start, pinned by"
          + " its SHA-256 from the log) and runs the same fan-out through each: --clients in one"
          + " room, --senders of them at --rate messages/s in total, then --full-speed-senders at"
          + " full speed. Rounds alternate cleartext and TLS (cleartext, TLS, TLS, cleartext, ...);"
          + " each connects its clients anew, warms up and measures.",
      "Prints the Markdown table of both transports' figures and their ratio TLS/cleartext."
    })
public final class TlsCommand implements Callable<Integer> {

  private static final int EXIT_FAILED = 1;
  private static final int EXIT_BAD_USAGE = 2;

  @Mixin private ServerJvm serverJvm;

  @Option(
      names = "--server-config",
      defaultValue = "bench/bench-tls-server.conf",
      description = "The server's settings, with parley.tls on, self-signed, on port 0.")
  private Path serverConfig;

  @Option(names = "--clients", defaultValue = "100", description = "Clients in the room.")
  private int clients;

  @Option(
      names = "--senders",
      defaultValue = "10",
      description = "Clients that send at the fixed rate.")
  private int senders;

  @Option(
      names = "--rate",
      defaultValue = "1000",
      description = "Messages per second of all senders together.")
  private int rate;

  @Option(
      names = "--full-speed",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "Also the same room with --full-speed-senders at full speed (default;"
              + " --no-full-speed leaves it out).")
  private boolean fullSpeed;

  @Option(
      names = "--full-speed-senders",
      defaultValue = "1",
      description = "Clients that send at full speed.")
  private int fullSpeedSenders;

  @Option(
      names = "--window",
      defaultValue = "1000",
      description = "Says a sender may have sent ahead of its echoes.")
  private int window;

  @Option(names = "--text-chars", defaultValue = "48", description = "Chars of each text.")
  private int textChars;

  @Option(
      names = "--server-warm-up-seconds",
      defaultValue = "15",
      description =
          "Before the first round, each workload this long through each transport, so that the"
              + " server's JIT compiler is done with every path measured; not counted.")
  private long serverWarmUpSeconds;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "3",
      description = "Each round sends this long before it measures; not counted.")
  private long warmUpSeconds;

  @Option(
      names = "--measure-seconds",
      defaultValue = "10",
      description = "Each round measures this long.")
  private long measureSeconds;

  @Option(
      names = "--rounds",
      defaultValue = "2",
      description = "Measured rounds of each workload through each transport.")
  private int rounds;

  @Option(
      names = "--clock-ticks",
      defaultValue = "100",
      description = "Clock ticks per second of /proc CPU times: getconf CLK_TCK.")
  private int clockTicks;

  @Option(
      names = "--work-dir",
      description = "Where the server's log goes (default: a new temporary directory).")
  private Path workDir;

  @Override
  public Integer call() throws IOException, InterruptedException {
    TlsBenchmark.Plan plan;
    Path dir;
    try {
      dir = workDir != null ? workDir : Files.createTempDirectory("parley-tls-");
      plan = plan(dir);
    } catch (IllegalArgumentException e) {
      System.err.println("tls: " + e.getMessage());
      return EXIT_BAD_USAGE;
    }
    TlsBenchmark.Outcome outcome;
    try {
      outcome = new TlsBenchmark(plan, System.err).run();
    } catch (TimeoutException | IllegalStateException e) {
      System.err.println("tls: " + e.getMessage());
      return EXIT_FAILED;
    }
    System.out.print(TransportTable.render(outcome.rows()));
    System.out.println();
    System.out.println(
        "TLS: "
            + outcome.tlsProtection()
            + "; a delivery is a message received by a member other than its sender.");
    return 0;
  }

  private TlsBenchmark.Plan plan(Path dir) throws IOException {
    require(
        Files.isRegularFile(serverJvm.jar()),
        "no server jar at " + serverJvm.jar() + " (build it first)");
    require(Files.isRegularFile(serverConfig), "no server config at " + serverConfig);
    require(rate > 0, "the rate is positive (--full-speed adds the full-speed workload)");
    require(serverWarmUpSeconds >= 0 && warmUpSeconds >= 0, "warm-ups are not negative");
    require(measureSeconds > 0, "a round measures at least a second");
    require(rounds > 0, "each transport has at least one round");
    var workloads = new ArrayList<FanOut>();
    workloads.add(
        new FanOut(
            String.format(
                "%d clients, %d %s, %,d msg/s",
                clients, senders, senders == 1 ? "sender" : "senders", rate),
            clients,
            senders,
            rate,
            window,
            textChars));
    if (fullSpeed) {
      workloads.add(
          new FanOut(
              String.format(
                  "%d clients, %d %s, full speed",
                  clients, fullSpeedSenders, fullSpeedSenders == 1 ? "sender" : "senders"),
              clients,
              fullSpeedSenders,
              0,
              window,
              textChars));
    }
    Files.createDirectories(dir);
    return new TlsBenchmark.Plan(
        serverJvm.command(),
        serverConfig,
        dir.resolve("server.log"),
        List.copyOf(workloads),
        Duration.ofSeconds(serverWarmUpSeconds),
        Duration.ofSeconds(warmUpSeconds),
        Duration.ofSeconds(measureSeconds),
        rounds,
        clockTicks);
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(rule);
    }
  }
}
