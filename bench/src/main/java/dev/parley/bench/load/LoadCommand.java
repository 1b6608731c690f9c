package dev.parley.bench.load;

import dev.parley.bench.irc.IrcDialect;
import dev.parley.bench.probe.ProcessProbe;
import dev.parley.bench.report.Report;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code load}: runs one workload against a server that speaks the Parley protocol or IRC. */
@Command(
    name = "load",
    mixinStandardHelpOptions = true,
    description = {
      "Connects clients that say hello and join rooms; some of them send messages. Reports"
          + " deliveries per second, latency from send to receipt, connection and join times, and"
          + " with --server-pid the server's CPU time and memory per connection.",
      "A delivery is a message received by a member other than its sender.",
      "With --protocol irc the clients register with NICK and USER, JOIN channels #room<i> and"
          + " send PRIVMSGs; a sender gets no echo, so the first other member of its room in its"
          + " thread counts its messages for its window."
    })
public final class LoadCommand implements Callable<Integer> {

  private static final int EXIT_FAILED = 1;
  private static final int EXIT_BAD_USAGE = 2;

  @Option(names = "--host", defaultValue = "127.0.0.1", description = "Server address.")
  private String host;

  @Option(names = "--port", required = true, description = "Server port.")
  private int port;

  @Option(
      names = "--protocol",
      defaultValue = "json",
      description = "What the clients speak: json (Parley's JSON lines) or irc.")
  private String protocol;

  @Option(names = "--clients", defaultValue = "100", description = "Connections.")
  private int clients;

  @Option(
      names = "--rooms",
      defaultValue = "1",
      description = "Rooms the clients spread over; 0: they join none.")
  private int rooms;

  @Option(names = "--senders", defaultValue = "1", description = "Clients that send.")
  private int senders;

  @Option(
      names = "--messages",
      defaultValue = "10000",
      description = "Messages per sender, after the warm-up.")
  private long messages;

  @Option(
      names = "--rate",
      defaultValue = "0",
      description = "Messages per second of all senders together; 0: full speed.")
  private int rate;

  @Option(
      names = "--text-chars",
      defaultValue = "48",
      description = "Chars of each text; the first 20 are the send time.")
  private int textChars;

  @Option(
      names = "--window",
      defaultValue = "1000",
      description = "Messages a sender may have sent ahead of its echoes; 0: no limit.")
  private int window;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "3",
      description =
          "Senders send this long before the measurement, so the server's JIT has compiled the"
              + " message path; not counted.")
  private long warmUpSeconds;

  @Option(
      names = "--max-send-seconds",
      defaultValue = "10",
      description = "Senders stop after this, whatever is left to send.")
  private long maxSendSeconds;

  @Option(
      names = "--connect-concurrency",
      defaultValue = "100",
      description = "Connections being set up at once.")
  private int connectConcurrency;

  @Option(names = "--threads", defaultValue = "1", description = "Client threads.")
  private int threads;

  @Option(
      names = "--server-pid",
      description = "The server's process id: its CPU time and memory are read from /proc.")
  private Long serverPid;

  @Option(
      names = "--memory",
      description =
          "With --server-pid, report the server's memory per connection: resident memory before"
              + " the clients connect and once they joined.")
  private boolean measureMemory;

  @Option(
      names = "--gc-before-memory",
      description = "Run jcmd PID GC.run before reading the server's memory (a JVM server).")
  private boolean collectGarbage;

  @Option(
      names = "--clock-ticks",
      defaultValue = "100",
      description = "Clock ticks per second of /proc CPU times: getconf CLK_TCK.")
  private int clockTicks;

  @Option(names = "--name", description = "The workload's name in the report.")
  private String name;

  @Option(names = "--figures", description = "Also write the figures to this file.")
  private Path figuresFile;

  @Override
  public Integer call() throws InterruptedException, IOException {
    Workload workload;
    Dialect dialect;
    try {
      workload = workload();
      dialect = dialect();
    } catch (IllegalArgumentException e) {
      System.err.println("load: " + e.getMessage());
      return EXIT_BAD_USAGE;
    }
    Optional<LoadGenerator.ServerWatch> serverWatch =
        Optional.ofNullable(serverPid)
            .map(
                pid ->
                    new LoadGenerator.ServerWatch(
                        new ProcessProbe(pid, clockTicks), measureMemory, collectGarbage));
    var generator =
        new LoadGenerator(
            workload,
            dialect,
            new InetSocketAddress(host, port),
            serverWatch,
            ProcessProbe.ofThisProcess(clockTicks),
            System.err);
    Report report;
    try {
      report = generator.run();
    } catch (TimeoutException e) {
      System.err.println("load: " + e.getMessage());
      return EXIT_FAILED;
    }
    System.out.print(report.describe());
    if (figuresFile != null) {
      report.write(figuresFile);
    }
    return 0;
  }

  private Workload workload() {
    return new Workload(
        name != null ? name : describe(),
        clients,
        rooms,
        senders,
        messages,
        rate,
        textChars,
        window,
        Duration.ofSeconds(warmUpSeconds),
        Duration.ofSeconds(maxSendSeconds),
        connectConcurrency,
        threads);
  }

  private Dialect dialect() {
    return switch (protocol) {
      case "json" -> new JsonLines();
      case "irc" -> new IrcDialect();
      default -> throw new IllegalArgumentException("--protocol is json or irc, not " + protocol);
    };
  }

  private String describe() {
    String sending =
        senders == 0
            ? "no sender"
            : senders
                + (senders == 1 ? " sender" : " senders")
                + (rate == 0 ? " at full speed" : String.format(", %,d msg/s in total", rate));
    return String.format("%,d clients, %d rooms, %s", clients, rooms, sending);
  }
}
