package dev.parley.bench.persist;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code persist}: how fast a room stores messages, and how long a filled room takes to recover.
 */
@Command(
    name = "persist",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the server on an empty store and measures the says a room stores per second, with"
          + " each number of --senders in a room of their own at full speed. Then fills one room"
          + " with --room-messages messages, stops the server with SIGTERM and starts it again on"
          + " the same store --restarts times, timing one client's join of that room until its"
          + " replay is in.",
      "A say counts as stored when its sender sees its own message, which the server sends only"
          + " once the message's event is written."
    })
public final class PersistCommand implements Callable<Integer> {

  private static final int EXIT_FAILED = 1;
  private static final int EXIT_BAD_USAGE = 2;

  @Mixin private ServerJvm serverJvm;

  @Option(
      names = "--server-config",
      defaultValue = "bench/bench-server.conf",
      description = "The bench's server settings, included by the config this run writes.")
  private Path serverConfig;

  @Option(
      names = "--store",
      defaultValue = "h2",
      description =
          "h2 (a file in the data directory), postgresql, or memory (nothing to recover).")
  private String store;

  @Option(
      names = "--postgresql-url",
      description = "With --store postgresql: the JDBC URL of an empty database.")
  private String postgresqlUrl;

  @Option(names = "--postgresql-user", defaultValue = "postgres", description = "Its user.")
  private String postgresqlUser;

  @Option(names = "--postgresql-password", defaultValue = "", description = "Its password.")
  private String postgresqlPassword;

  @Option(
      names = "--snapshot-every",
      defaultValue = "1000",
      description = "parley.persistence.snapshot-every; 1000000000: in effect no snapshots.")
  private long snapshotEvery;

  @Option(
      names = "--history-size",
      description = "parley.rooms.history-size: messages a room keeps (default: the server's).")
  private Integer historySize;

  @Option(
      names = "--senders",
      split = ",",
      defaultValue = "1,10,50",
      description = "A measured room for each of these numbers of senders.")
  private List<Integer> senders;

  @Option(
      names = "--one-say-at-a-time",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description =
          "First a room with one sender that waits for each acknowledgement before its next say:"
              + " the time a say takes to be stored, unqueued (default; --no-one-say-at-a-time"
              + " leaves it out).")
  private boolean oneSayAtATime;

  @Option(
      names = "--window",
      defaultValue = "100",
      description =
          "Says a sender may have sent and not yet seen acknowledged (the server reads a"
              + " connection's next frame once it answered the last, so the rest wait in TCP).")
  private int window;

  @Option(names = "--text-chars", defaultValue = "48", description = "Chars of each text.")
  private int textChars;

  @Option(
      names = "--server-warm-up-seconds",
      defaultValue = "20",
      description =
          "Before the first measured room, the most senders say this long in a room of their own,"
              + " so that the server's JIT compiler is done with the say's path; not counted.")
  private long serverWarmUpSeconds;

  @Option(
      names = "--warm-up-seconds",
      defaultValue = "3",
      description = "Each room's senders send this long before the measurement; not counted.")
  private long warmUpSeconds;

  @Option(
      names = "--measure-seconds",
      defaultValue = "10",
      description = "Acknowledgements are counted for this long.")
  private long measureSeconds;

  @Option(
      names = "--room-messages",
      defaultValue = "100000",
      description = "Messages of the room that is recovered; 0: no fill and no restart.")
  private long roomMessages;

  @Option(
      names = "--fill-senders",
      description = "Senders that fill that room (default: the most of --senders).")
  private Integer fillSenders;

  @Option(
      names = "--restarts",
      defaultValue = "3",
      description = "Starts on the filled store, each timed.")
  private int restarts;

  @Option(
      names = "--work-dir",
      description =
          "Where the config, the data directory and the server's logs go (default: a new"
              + " temporary directory).")
  private Path workDir;

  @Option(names = "--keep-data", description = "Keep the data directory at the end.")
  private boolean keepData;

  @Option(
      names = "--clock-ticks",
      defaultValue = "100",
      description = "Clock ticks per second of /proc CPU times: getconf CLK_TCK.")
  private int clockTicks;

  @Option(names = "--name", description = "The run's name in the table.")
  private String name;

  @Option(names = "--figures", description = "Also write the figures to this JSON file.")
  private Path figuresFile;

  @Override
  public Integer call() throws IOException, InterruptedException {
    PersistBenchmark.Plan plan;
    try {
      plan = plan();
    } catch (IllegalArgumentException e) {
      System.err.println("persist: " + e.getMessage());
      return EXIT_BAD_USAGE;
    }
    PersistReport report;
    try {
      report = new PersistBenchmark(plan, System.err).run();
    } catch (TimeoutException | IllegalStateException e) {
      System.err.println("persist: " + e.getMessage());
      return EXIT_FAILED;
    } finally {
      if (!keepData) {
        deleteTree(plan.config().dataDir());
      }
    }
    System.out.print(PersistTable.render(List.of(report)));
    if (figuresFile != null) {
      report.write(figuresFile);
    }
    return 0;
  }

  private PersistBenchmark.Plan plan() throws IOException {
    BenchServerConfig.Store chosen = store(store);
    require(
        Files.isRegularFile(serverJvm.jar()),
        "no server jar at " + serverJvm.jar() + " (build it first)");
    require(Files.isRegularFile(serverConfig), "no server config at " + serverConfig);
    require(
        chosen != BenchServerConfig.Store.POSTGRESQL || postgresqlUrl != null,
        "--store postgresql needs --postgresql-url");
    require(!senders.isEmpty() && senders.stream().allMatch(s -> s > 0), "senders are positive");
    require(window > 0, "the window is positive");
    require(textChars >= 20 && textChars <= 4000, "a text has 20 to 4000 chars");
    require(measureSeconds > 0, "the measurement lasts at least a second");
    require(serverWarmUpSeconds >= 0 && warmUpSeconds >= 0, "warm-ups are not negative");
    require(roomMessages >= 0, "the room's messages are not negative");
    require(restarts >= 0, "restarts are not negative");
    int filling = fillSenders != null ? fillSenders : Collections.max(senders);
    require(filling > 0, "fill senders are positive");

    Path dir = workDir != null ? workDir : Files.createTempDirectory("parley-persist-");
    var config =
        new BenchServerConfig(
            serverConfig,
            chosen,
            dir.resolve("data"),
            snapshotEvery,
            Optional.ofNullable(historySize),
            chosen == BenchServerConfig.Store.POSTGRESQL
                ? Optional.of(
                    new BenchServerConfig.PostgreSql(
                        postgresqlUrl, postgresqlUser, postgresqlPassword))
                : Optional.empty());
    return new PersistBenchmark.Plan(
        name != null ? name : describe(chosen),
        serverJvm.command(),
        config,
        dir,
        Duration.ofSeconds(serverWarmUpSeconds),
        phases(),
        window,
        textChars,
        Duration.ofSeconds(warmUpSeconds),
        Duration.ofSeconds(measureSeconds),
        roomMessages,
        filling,
        restarts,
        clockTicks);
  }

  private List<PersistBenchmark.Phase> phases() {
    var phases = new ArrayList<PersistBenchmark.Phase>();
    if (oneSayAtATime) {
      phases.add(new PersistBenchmark.Phase(1, 1));
    }
    senders.forEach(count -> phases.add(new PersistBenchmark.Phase(count, window)));
    return phases;
  }

  private String describe(BenchServerConfig.Store chosen) {
    String snapshots =
        snapshotEvery >= 1_000_000_000L
            ? "no snapshots"
            : String.format("snapshot every %,d", snapshotEvery);
    String history = historySize == null ? "" : String.format(", history %,d", historySize);
    return chosen.label() + ", " + snapshots + history;
  }

  private static BenchServerConfig.Store store(String name) {
    for (BenchServerConfig.Store candidate : BenchServerConfig.Store.values()) {
      if (candidate.name().equalsIgnoreCase(name)) {
        return candidate;
      }
    }
    throw new IllegalArgumentException("no store " + name + ": h2, postgresql or memory");
  }

  private static void require(boolean condition, String rule) {
    if (!condition) {
      throw new IllegalArgumentException(rule);
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
  }
}
