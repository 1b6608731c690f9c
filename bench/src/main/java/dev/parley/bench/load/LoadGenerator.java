package dev.parley.bench.load;

import dev.parley.bench.probe.ProcessProbe;
import dev.parley.bench.probe.ProcessSample;
import dev.parley.bench.report.Figure;
import dev.parley.bench.report.Report;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import org.HdrHistogram.Histogram;

/**
 * Runs one workload against a server in phases: connect and hello, create the rooms, the join
 * storm, a quiet moment to measure memory, then the messages; and reports what it saw.
 */
public final class LoadGenerator {

  private static final Duration CONNECT_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration JOIN_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration QUIET = Duration.ofMillis(300);
  private static final Duration QUIET_TIMEOUT = Duration.ofSeconds(30);
  // once sending is over, how long nothing may arrive before the rest counts as lost
  private static final Duration DRAIN_STALL = Duration.ofSeconds(5);
  private static final Duration DRAIN_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(5);
  private static final double KIB_PER_MIB = 1024;
  private static final Duration WARM_UP_TIMEOUT = Duration.ofSeconds(30);

  /**
   * The server's process, to read its CPU time and, when {@code measureMemory}, its memory before
   * and after the clients joined; absent when it is not known.
   */
  public record ServerWatch(
      ProcessProbe probe, boolean measureMemory, boolean collectGarbageBeforeMemory) {}

  private final Workload workload;
  private final Dialect dialect;
  private final InetSocketAddress server;
  private final Optional<ServerWatch> serverWatch;
  private final ProcessProbe self;
  private final PrintStream log;
  private final Clock clock = Clock.start();
  private final List<ClientLoop> loops = new ArrayList<>();
  private final Map<Figure, Double> figures = new EnumMap<>(Figure.class);

  public LoadGenerator(
      Workload workload,
      Dialect dialect,
      InetSocketAddress server,
      Optional<ServerWatch> serverWatch,
      ProcessProbe self,
      PrintStream log) {
    this.workload = workload;
    this.dialect = dialect;
    this.server = server;
    this.serverWatch = serverWatch;
    this.self = self;
    this.log = log;
  }

  /**
   * Runs the workload to its end.
   *
   * @throws TimeoutException when a phase does not finish in its time; the clients are closed
   */
  public Report run() throws InterruptedException, TimeoutException {
    List<Thread> threads = startLoops();
    try {
      put(Figure.CLIENTS, workload.clients());
      put(Figure.ROOMS, workload.rooms());
      put(Figure.SENDERS, workload.senders());
      put(Figure.RATE_PER_SECOND, workload.totalRatePerSecond());
      warmUp();
      Optional<MemoryReading> before = readServerMemory();
      Optional<ProcessSample> serverBefore = sampleServer();
      connect();
      if (workload.rooms() > 0) {
        joinRooms();
      }
      awaitQuiet();
      Optional<ProcessSample> serverAfterJoin = sampleServer();
      Optional<MemoryReading> afterJoin = readServerMemory();
      reportServerUse(before, serverBefore, afterJoin, serverAfterJoin);
      if (workload.sends()) {
        sendMessages();
      }
      put(Figure.ERRORS, progress().errors());
    } finally {
      stopLoops(threads);
    }
    reportLatency();
    return new Report(workload.name(), figures);
  }

  private void warmUp() {
    try {
      dialect.warmUp(server, WARM_UP_TIMEOUT);
    } catch (IOException e) {
      log.println("warm-up failed: " + e);
    }
  }

  private List<Thread> startLoops() {
    var shares = new ArrayList<List<Client>>();
    for (int loop = 0; loop < workload.threads(); loop++) {
      shares.add(new ArrayList<>());
    }
    for (int index = 0; index < workload.clients(); index++) {
      shares.get(index % workload.threads()).add(newClient(index));
    }
    int connectingPerLoop = Math.max(1, workload.connectConcurrency() / workload.threads());
    var threads = new ArrayList<Thread>();
    for (List<Client> share : shares) {
      var loop = new ClientLoop(workload, dialect, server, clock, share, connectingPerLoop, log);
      loops.add(loop);
      var thread = new Thread(loop, "client-loop-" + threads.size());
      thread.start();
      threads.add(thread);
    }
    return threads;
  }

  private Client newClient(int index) {
    int room = workload.rooms() == 0 ? -1 : index % workload.rooms();
    Sender sender = null;
    if (index < workload.senders()) {
      sender =
          new Sender(
              dialect.messageWriter(dialect.roomName(room), workload.textChars()),
              workload.messagesPerSender(),
              workload.sendIntervalNanos());
    }
    return new Client(index, room, index < workload.rooms(), sender);
  }

  private void connect() throws InterruptedException, TimeoutException {
    log.printf("connecting %,d clients%n", workload.clients());
    long start = clock.now();
    loops.forEach(ClientLoop::connectAll);
    await(
        "connections",
        progress -> progress.welcomed() + progress.connectionsFailed() >= workload.clients(),
        CONNECT_TIMEOUT);
    LoopProgress progress = progress();
    put(Figure.CONNECTION_FAILURES, progress.connectionsFailed());
    put(Figure.CONNECT_SECONDS, seconds(progress.lastWelcomeAt() - start));
    var setup = new Histogram(ClientLoop.HIGHEST_RECORDED_NANOS, 3);
    loops.forEach(loop -> setup.add(loop.connectSetup()));
    var summary = LatencySummary.of(setup);
    put(Figure.CONNECT_P50, summary.p50());
    put(Figure.CONNECT_P99, summary.p99());
    log.printf(
        "  %,d welcomed in %.2f s, %,d failed%n",
        progress.welcomed(),
        seconds(progress.lastWelcomeAt() - start),
        progress.connectionsFailed());
  }

  private void joinRooms() throws InterruptedException, TimeoutException {
    long welcomed = progress().welcomed();
    Predicate<Client> creator = client -> client.creator;
    loops.forEach(loop -> loop.join(creator));
    await("rooms created", progress -> progress.joined() >= workload.rooms(), JOIN_TIMEOUT);
    log.printf("join storm: %,d clients join at once%n", welcomed - workload.rooms());
    long stormStart = clock.now();
    loops.forEach(loop -> loop.join(creator.negate()));
    await("joins", progress -> progress.joined() >= welcomed, JOIN_TIMEOUT);
    put(Figure.JOIN_SECONDS, seconds(progress().lastJoinAt() - stormStart));
    awaitQuiet();
    put(Figure.JOIN_SETTLED_SECONDS, seconds(progress().lastReceiveAt() - stormStart));
    log.printf(
        "  all joined in %.3f s, every member_joined in after %.3f s%n",
        figures.get(Figure.JOIN_SECONDS), figures.get(Figure.JOIN_SETTLED_SECONDS));
  }

  private void sendMessages() throws InterruptedException {
    int[] membersByRoom = countMembers();
    log.printf(
        "%d senders send %,d messages each, %s%n",
        workload.senders(),
        workload.messagesPerSender(),
        workload.fullSpeed()
            ? "at full speed"
            : String.format("%,d a second in total", workload.totalRatePerSecond()));
    if (!workload.warmUp().isZero()) {
      log.printf("  warm-up: %d s of the same, not counted%n", workload.warmUp().toSeconds());
      long warmUpEnd = clock.now() + workload.warmUp().toNanos();
      startSending(membersByRoom, Long.MAX_VALUE, warmUpEnd);
      awaitDeliveries(
          warmUpEnd, LoopProgress::warmUpDeliveries, LoopProgress::warmUpDeliveriesExpected);
    }
    log.println("  measuring");
    long measureFrom = clock.now();
    long deadline = measureFrom + workload.maxSendTime().toNanos();
    Optional<ProcessSample> serverStart = sampleServer();
    ProcessSample selfStart = self.sample();
    startSending(membersByRoom, measureFrom, deadline);
    awaitDeliveries(deadline, LoopProgress::deliveries, LoopProgress::deliveriesExpected);
    Optional<ProcessSample> serverEnd = sampleServer();
    ProcessSample selfEnd = self.sample();

    LoopProgress progress = progress();
    double loadSeconds = seconds(progress.lastDeliveryAt() - progress.firstSendAt());
    put(Figure.MESSAGES_SENT, progress.messagesSent());
    put(Figure.DELIVERIES, progress.deliveries());
    put(Figure.DELIVERIES_EXPECTED, progress.deliveriesExpected());
    put(Figure.GAPS, progress.gaps());
    put(Figure.LOAD_SECONDS, loadSeconds);
    put(Figure.DELIVERIES_PER_SECOND, loadSeconds > 0 ? progress.deliveries() / loadSeconds : 0);
    serverWatch.ifPresent(
        watch -> {
          ProcessSample from = serverStart.orElseThrow();
          ProcessSample to = serverEnd.orElseThrow();
          put(Figure.SERVER_CPU_LOAD, watch.probe().cpuPercent(from, to));
          double cpuSeconds = watch.probe().cpuSeconds(from, to);
          if (cpuSeconds > 0) {
            put(Figure.DELIVERIES_PER_SERVER_CPU_SECOND, progress.deliveries() / cpuSeconds);
          }
          put(Figure.SERVER_CORES_TAKEN, watch.probe().othersOnCoresPercent(from, to));
        });
    put(Figure.GENERATOR_CPU_LOAD, self.cpuPercent(selfStart, selfEnd));
    put(Figure.GENERATOR_CORES_TAKEN, self.othersOnCoresPercent(selfStart, selfEnd));
    log.printf(
        "  %,d messages sent, %,d of %,d deliveries in %.2f s: %,.0f deliveries/s%n",
        progress.messagesSent(),
        progress.deliveries(),
        progress.deliveriesExpected(),
        loadSeconds,
        figures.get(Figure.DELIVERIES_PER_SECOND));
  }

  private int[] countMembers() throws InterruptedException {
    int[] members = new int[workload.rooms()];
    for (ClientLoop loop : loops) {
      try {
        int[] counted = loop.countMembers(workload.rooms()).get(1, TimeUnit.MINUTES);
        for (int room = 0; room < members.length; room++) {
          members[room] += counted[room];
        }
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("a client loop did not answer", e);
      }
    }
    return members;
  }

  private void startSending(int[] membersByRoom, long measureFrom, long deadline)
      throws InterruptedException {
    for (ClientLoop loop : loops) {
      try {
        loop.startSending(membersByRoom, measureFrom, deadline).get(1, TimeUnit.MINUTES);
      } catch (ExecutionException | TimeoutException e) {
        throw new IllegalStateException("a client loop did not start sending", e);
      }
    }
  }

  /** Until every expected delivery is in, or nothing at all arrives for a while after sending. */
  private void awaitDeliveries(
      long sendDeadline,
      ToLongFunction<LoopProgress> delivered,
      ToLongFunction<LoopProgress> expected)
      throws InterruptedException {
    long lastBytes = -1;
    long lastArrivalAt = clock.now();
    while (true) {
      LoopProgress progress = progress();
      long now = clock.now();
      if (progress.bytesReceived() != lastBytes) {
        lastBytes = progress.bytesReceived();
        lastArrivalAt = now;
      }
      boolean sendingOver = progress.sendersDone() >= workload.senders();
      if (sendingOver && delivered.applyAsLong(progress) >= expected.applyAsLong(progress)) {
        return;
      }
      if (sendingOver && now - lastArrivalAt > DRAIN_STALL.toNanos()) {
        log.printf(
            "  nothing arrives any more: %,d of %,d deliveries are in%n",
            delivered.applyAsLong(progress), expected.applyAsLong(progress));
        return;
      }
      if (now > sendDeadline + DRAIN_TIMEOUT.toNanos()) {
        log.printf(
            "  gave up waiting: %,d of %,d deliveries are in%n",
            delivered.applyAsLong(progress), expected.applyAsLong(progress));
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void awaitQuiet() throws InterruptedException {
    long deadline = clock.now() + QUIET_TIMEOUT.toNanos();
    long bytes = -1;
    long unchangedSince = clock.now();
    while (clock.now() < deadline) {
      long received = progress().bytesReceived();
      if (received != bytes) {
        bytes = received;
        unchangedSince = clock.now();
      } else if (clock.now() - unchangedSince >= QUIET.toNanos()) {
        return;
      }
      Thread.sleep(POLL.toMillis());
    }
  }

  private void await(String what, Predicate<LoopProgress> done, Duration timeout)
      throws InterruptedException, TimeoutException {
    long deadline = clock.now() + timeout.toNanos();
    while (!done.test(progress())) {
      if (clock.now() > deadline) {
        throw new TimeoutException(what + " did not finish in " + timeout.toSeconds() + " s");
      }
      Thread.sleep(1);
    }
  }

  private LoopProgress progress() {
    return loops.stream().map(ClientLoop::progress).reduce(LoopProgress.NONE, LoopProgress::plus);
  }

  private void stopLoops(List<Thread> threads) throws InterruptedException {
    loops.forEach(ClientLoop::stop);
    for (Thread thread : threads) {
      thread.join(TimeUnit.MINUTES.toMillis(1));
    }
  }

  private void reportLatency() {
    if (!workload.sends()) {
      return;
    }
    var latency = new Histogram(ClientLoop.HIGHEST_RECORDED_NANOS, 3);
    loops.forEach(loop -> latency.add(loop.latency()));
    var summary = LatencySummary.of(latency);
    put(Figure.LATENCY_P50, summary.p50());
    put(Figure.LATENCY_P90, summary.p90());
    put(Figure.LATENCY_P99, summary.p99());
    put(Figure.LATENCY_P999, summary.p999());
    put(Figure.LATENCY_MAX, summary.max());
  }

  /** Resident memory, as it is and after a garbage collection when asked for. */
  private record MemoryReading(long residentKib, long residentAfterGcKib) {}

  private Optional<MemoryReading> readServerMemory() {
    return serverWatch
        .filter(ServerWatch::measureMemory)
        .map(
            watch -> {
              long resident = watch.probe().sample().residentKib();
              if (!watch.collectGarbageBeforeMemory()) {
                return new MemoryReading(resident, resident);
              }
              if (!watch.probe().collectGarbage()) {
                log.println("  jcmd GC.run failed; memory is read without a collection");
              }
              return new MemoryReading(resident, watch.probe().sample().residentKib());
            });
  }

  private Optional<ProcessSample> sampleServer() {
    return serverWatch.map(watch -> watch.probe().sample());
  }

  private void reportServerUse(
      Optional<MemoryReading> before,
      Optional<ProcessSample> serverBefore,
      Optional<MemoryReading> afterJoin,
      Optional<ProcessSample> serverAfterJoin) {
    if (serverWatch.isEmpty()) {
      return;
    }
    put(
        Figure.SERVER_CPU_CONNECT_AND_JOIN,
        serverWatch
            .get()
            .probe()
            .cpuSeconds(serverBefore.orElseThrow(), serverAfterJoin.orElseThrow()));
    if (before.isEmpty() || afterJoin.isEmpty()) {
      return;
    }
    long connections = progress().welcomed();
    MemoryReading from = before.get();
    MemoryReading to = afterJoin.get();
    put(Figure.SERVER_RSS_BEFORE, from.residentAfterGcKib() / KIB_PER_MIB);
    put(Figure.SERVER_RSS_AFTER_JOIN, to.residentAfterGcKib() / KIB_PER_MIB);
    if (connections > 0) {
      put(
          Figure.MEMORY_PER_CONNECTION,
          (double) (to.residentAfterGcKib() - from.residentAfterGcKib()) / connections);
      if (serverWatch.get().collectGarbageBeforeMemory()) {
        put(
            Figure.MEMORY_PER_CONNECTION_WITHOUT_GC,
            (double) (to.residentKib() - from.residentKib()) / connections);
      }
    }
  }

  private void put(Figure figure, double value) {
    figures.put(figure, value);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
