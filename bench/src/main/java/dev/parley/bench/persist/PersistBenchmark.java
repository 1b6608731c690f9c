package dev.parley.bench.persist;

import dev.parley.bench.probe.ProcessProbe;
import dev.parley.bench.probe.ProcessSample;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * One persistence run against one store: the server started on an empty store; one room filled to
 * its message count, the server stopped with SIGTERM and started again on the same store, a few
 * times, each time timing one client's {@code join} of that room; then, in one more start, for each
 * number of senders a room of their own where they say at full speed, measured after a warm-up.
 */
final class PersistBenchmark {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration FILL_TIMEOUT = Duration.ofMinutes(30);
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(10);
  private static final String FILLED_ROOM = "filled";
  private static final String WARM_UP_ROOM = "warmup";

  /**
   * What to run.
   *
   * @param serverCommand the command that starts the server, up to its {@code --config}
   * @param workDir where the config, the data directory and the server's logs go
   * @param serverWarmUp before the first measured room, the most senders of any phase say this long
   *     in a room of their own, so that the server's JIT compiler is done with the say's path
   * @param phases the measured rooms, in order
   * @param window says a sender that fills the room may have sent and not yet seen acknowledged
   * @param roomMessages the filled room's messages; 0: no fill and no restarts
   * @param restarts how often the server is started again on the filled store
   */
  record Plan(
      String configuration,
      List<String> serverCommand,
      BenchServerConfig config,
      Path workDir,
      Duration serverWarmUp,
      List<Phase> phases,
      int window,
      int textChars,
      Duration warmUp,
      Duration measured,
      long roomMessages,
      int fillSenders,
      int restarts,
      int clockTicks) {

    Plan {
      phases = List.copyOf(phases);
      serverCommand = List.copyOf(serverCommand);
    }
  }

  /** One measured room: {@code senders} at full speed, each with {@code window} says in flight. */
  record Phase(int senders, int window) {}

  private final Plan plan;
  private final PrintStream log;
  private final Path configFile;
  private int starts;

  PersistBenchmark(Plan plan, PrintStream log) {
    this.plan = plan;
    this.log = log;
    this.configFile = plan.workDir().resolve("server.conf");
  }

  PersistReport run() throws IOException, InterruptedException, TimeoutException {
    Files.createDirectories(plan.workDir());
    plan.config().write(configFile);
    log.printf("== %s: config %s%n", plan.configuration(), configFile);
    PersistReport.Fill fill = null;
    var recoveries = new ArrayList<PersistReport.Recovery>();
    ServerProcess first = start();
    double emptyStart = seconds(first.startToListening());
    log.printf("  listening after %.2f s on an empty store%n", emptyStart);
    ServerProcess measured = first;
    // the filled room alone in the store: the server starts every room, and would start the
    // measured rooms' events alongside the one timed
    if (plan.roomMessages() > 0 && plan.config().store().survivesRestart()) {
      try (first) {
        fill = fill(first);
      }
      for (int restart = 0; restart < plan.restarts(); restart++) {
        recoveries.add(recover());
      }
      fill = fill.withStoreBytesAfterRestarts(storeBytes());
      measured = start();
    }
    var sending = new ArrayList<PersistReport.Sending>();
    try (ServerProcess server = measured) {
      warmUp(server);
      for (Phase phase : plan.phases()) {
        sending.add(measure(server, phase));
      }
      server.stop(STOP_TIMEOUT);
    }
    return new PersistReport(
        plan.configuration(), plan.window(), emptyStart, sending, fill, recoveries);
  }

  private ServerProcess start() throws IOException, InterruptedException, TimeoutException {
    starts++;
    var command = new ArrayList<>(plan.serverCommand());
    command.add("--config");
    command.add(configFile.toString());
    Path serverLog = plan.workDir().resolve("server-" + starts + ".log");
    return ServerProcess.start(command, serverLog, START_TIMEOUT);
  }

  private void warmUp(ServerProcess server) throws IOException, TimeoutException {
    if (plan.serverWarmUp().isZero() || plan.phases().isEmpty()) {
      return;
    }
    int senders = plan.phases().stream().mapToInt(Phase::senders).max().orElseThrow();
    log.printf(
        "  warm-up: %d %s at full speed for %d s, not counted%n",
        senders, senders == 1 ? "sender" : "senders", plan.serverWarmUp().toSeconds());
    try (var clients =
        RoomSenders.open(
            server.address(),
            WARM_UP_ROOM,
            senders,
            plan.window(),
            plan.textChars(),
            SETUP_TIMEOUT)) {
      clients.sendFor(plan.serverWarmUp());
      clients.drain(DRAIN_TIMEOUT);
    }
  }

  private PersistReport.Sending measure(ServerProcess server, Phase phase)
      throws IOException, TimeoutException {
    String room = "s" + phase.senders() + "w" + phase.window();
    log.printf(
        "  %d %s at full speed, %d %s in flight each: %d s of warm-up, %d s measured%n",
        phase.senders(),
        phase.senders() == 1 ? "sender" : "senders",
        phase.window(),
        phase.window() == 1 ? "say" : "says",
        plan.warmUp().toSeconds(),
        plan.measured().toSeconds());
    var serverProbe = new ProcessProbe(server.pid(), plan.clockTicks());
    var benchProbe = ProcessProbe.ofThisProcess(plan.clockTicks());
    try (var clients =
        RoomSenders.open(
            server.address(),
            room,
            phase.senders(),
            phase.window(),
            plan.textChars(),
            SETUP_TIMEOUT)) {
      clients.sendFor(plan.warmUp());
      ProcessSample serverBefore = serverProbe.sample();
      ProcessSample benchBefore = benchProbe.sample();
      RoomSenders.Measurement measured = clients.measure(plan.measured());
      ProcessSample serverAfter = serverProbe.sample();
      ProcessSample benchAfter = benchProbe.sample();
      clients.drain(DRAIN_TIMEOUT);
      var figures =
          new PersistReport.Sending(
              phase.senders(),
              phase.window(),
              seconds(measured.length()),
              measured.acknowledged(),
              measured.slowestSecond(),
              measured.latency().p50(),
              measured.latency().p99(),
              measured.latency().max(),
              serverProbe.cpuPercent(serverBefore, serverAfter),
              serverProbe.othersOnCoresPercent(serverBefore, serverAfter),
              benchProbe.cpuPercent(benchBefore, benchAfter),
              benchProbe.othersOnCoresPercent(benchBefore, benchAfter),
              measured.gaps());
      log.printf(
          "    %,.0f says stored/s (slowest second %,d), acknowledged after p50 %.2f ms, p99 %.2f"
              + " ms; CPU: server %.0f %%, others on its cores %.0f %%, bench %.0f %%, others on"
              + " its cores %.0f %%%n",
          figures.perSecond(),
          figures.slowestSecond(),
          figures.latencyP50Ms(),
          figures.latencyP99Ms(),
          figures.serverCpuPercent(),
          figures.othersOnServerCoresPercent(),
          figures.benchCpuPercent(),
          figures.othersOnBenchCoresPercent());
      return figures;
    }
  }

  private PersistReport.Fill fill(ServerProcess server)
      throws IOException, TimeoutException, InterruptedException {
    log.printf(
        "  filling room %s with %,d messages from %d senders%n",
        FILLED_ROOM, plan.roomMessages(), plan.fillSenders());
    double fillSeconds;
    try (var room =
        RoomSenders.open(
            server.address(),
            FILLED_ROOM,
            plan.fillSenders(),
            plan.window(),
            plan.textChars(),
            SETUP_TIMEOUT)) {
      long start = System.nanoTime();
      room.sendInAll(plan.roomMessages(), FILL_TIMEOUT);
      fillSeconds = seconds(Duration.ofNanos(System.nanoTime() - start));
    }
    ServerProcess.Stopped stopped = server.stop(STOP_TIMEOUT);
    long storeBytes = storeBytes();
    log.printf(
        "    filled in %.1f s; SIGTERM to exit %.2f s (status %d)%s%n",
        fillSeconds,
        seconds(stopped.afterSignal()),
        stopped.exitStatus(),
        storeBytes < 0 ? "" : String.format("; %.1f MiB on disk", storeBytes / 1024.0 / 1024.0));
    return new PersistReport.Fill(
        plan.fillSenders(),
        plan.roomMessages(),
        fillSeconds,
        storeBytes,
        storeBytes,
        seconds(stopped.afterSignal()),
        stopped.exitStatus());
  }

  private PersistReport.Recovery recover()
      throws IOException, InterruptedException, TimeoutException {
    try (ServerProcess server = start()) {
      JoinProbe.Answer answer =
          JoinProbe.join(server.address(), "probe", FILLED_ROOM, JOIN_TIMEOUT);
      long listeningAt = server.listening().atNanos();
      var recovery =
          new PersistReport.Recovery(
              seconds(server.startToListening()),
              seconds(Duration.ofNanos(answer.answeredAt() - listeningAt)),
              seconds(Duration.ofNanos(answer.answeredAt() - answer.joinSentAt())),
              answer.replayed(),
              answer.lastSeq());
      log.printf(
          "  restart %d: listening after %.2f s, join answered %.3f s later (welcome %.3f s,"
              + " join to replay %.3f s): %d replayed, last seq %,d%n",
          starts - 1,
          recovery.startToListeningSeconds(),
          recovery.listeningToAnsweredSeconds(),
          seconds(Duration.ofNanos(answer.welcomedAt() - listeningAt)),
          recovery.joinToAnsweredSeconds(),
          recovery.replayed(),
          recovery.lastSeq());
      if (recovery.lastSeq() != plan.roomMessages()) {
        log.printf(
            "    the room's last message is seq %,d, not %,d: acknowledged messages are missing%n",
            recovery.lastSeq(), plan.roomMessages());
      }
      server.stop(STOP_TIMEOUT);
      return recovery;
    }
  }

  /** What the H2 data directory holds; -1 for another store. */
  private long storeBytes() {
    if (plan.config().store() != BenchServerConfig.Store.H2) {
      return -1;
    }
    Path dataDir = plan.config().dataDir();
    if (!Files.isDirectory(dataDir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dataDir)) {
      return files.filter(Files::isRegularFile).mapToLong(PersistBenchmark::size).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toNanos() / 1e9;
  }
}
