package dev.parley.bench.tls;

import dev.parley.bench.persist.ServerProcess;
import dev.parley.bench.probe.ProcessProbe;
import dev.parley.bench.probe.ProcessSample;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.SocketFactory;
import org.HdrHistogram.Histogram;

/**
 * One server with a cleartext and a TLS port, and the same fan-out through each in turn: first a
 * warm-up through both, not counted, then for each workload its measured rounds, cleartext and TLS
 * alternating, so that whatever else slows the machine meanwhile slows both alike.
 */
final class TlsBenchmark {

  private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
  // the banner follows the Listening lines at once
  private static final Duration BANNER_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration STOP_TIMEOUT = Duration.ofMinutes(2);
  private static final Duration SETUP_TIMEOUT = Duration.ofMinutes(1);
  private static final Duration DRAIN_TIMEOUT = Duration.ofMinutes(2);

  /**
   * What to run.
   *
   * @param serverCommand the command that starts the server, up to its {@code --config}
   * @param serverConfig settings with the TLS port on, and a certificate made at start
   * @param serverWarmUp before the first round, each workload sends this long through each
   *     transport, so that the server's JIT compiler is done with every path measured
   * @param warmUp each round sends this long before it measures
   * @param roundsEach measured rounds of each workload through each transport
   */
  record Plan(
      List<String> serverCommand,
      Path serverConfig,
      Path serverLog,
      List<FanOut> workloads,
      Duration serverWarmUp,
      Duration warmUp,
      Duration measured,
      int roundsEach,
      int clockTicks) {

    Plan {
      serverCommand = List.copyOf(serverCommand);
      workloads = List.copyOf(workloads);
    }
  }

  /** The table's rows, and how the TLS connections were protected. */
  record Outcome(List<TransportTable.Row> rows, String tlsProtection) {

    Outcome {
      rows = List.copyOf(rows);
    }
  }

  private final Plan plan;
  private final PrintStream log;
  private final ProcessProbe benchProbe;
  private ProcessProbe serverProbe;
  private int rooms;
  private String tlsProtection = "";

  TlsBenchmark(Plan plan, PrintStream log) {
    this.plan = plan;
    this.log = log;
    this.benchProbe = ProcessProbe.ofThisProcess(plan.clockTicks());
  }

  /**
   * The order of one workload's rounds: cleartext, TLS, then TLS, cleartext, and so on, so that a
   * machine that speeds up or slows down over the run favours neither.
   */
  static List<Transport> roundOrder(int roundsEach) {
    var order = new ArrayList<Transport>();
    for (int pair = 0; pair < roundsEach; pair++) {
      if (pair % 2 == 0) {
        order.addAll(List.of(Transport.CLEARTEXT, Transport.TLS));
      } else {
        order.addAll(List.of(Transport.TLS, Transport.CLEARTEXT));
      }
    }
    return order;
  }

  Outcome run() throws IOException, InterruptedException, TimeoutException {
    var command = new ArrayList<>(plan.serverCommand());
    command.add("--config");
    command.add(plan.serverConfig().toAbsolutePath().toString());
    var tlsWatch = new TlsListening.Watch();
    try (var server = ServerProcess.start(command, plan.serverLog(), START_TIMEOUT, tlsWatch)) {
      TlsListening tls = tlsListening(tlsWatch);
      serverProbe = new ProcessProbe(server.pid(), plan.clockTicks());
      var cleartextDoor =
          new Door(Transport.CLEARTEXT, server.address(), SocketFactory.getDefault());
      var tlsDoor =
          new Door(
              Transport.TLS,
              tls.address(),
              PinnedCertificate.clientContext(tls.fingerprint()).getSocketFactory());
      log.printf(
          "== server %d: cleartext on %s, TLS on %s, certificate SHA-256 %s%n",
          server.pid(),
          hostAndPort(server.address()),
          hostAndPort(tls.address()),
          tls.fingerprint());
      for (FanOut fanOut : plan.workloads()) {
        warmUp(cleartextDoor, fanOut);
        warmUp(tlsDoor, fanOut);
      }
      var rows = new ArrayList<TransportTable.Row>();
      for (FanOut fanOut : plan.workloads()) {
        rows.add(measure(fanOut, cleartextDoor, tlsDoor));
      }
      server.stop(STOP_TIMEOUT);
      return new Outcome(rows, tlsProtection);
    }
  }

  private TlsListening tlsListening(TlsListening.Watch watch)
      throws InterruptedException, TimeoutException {
    try {
      return watch.found().get(BANNER_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause().getMessage() + "; see " + plan.serverLog());
    } catch (TimeoutException e) {
      throw new TimeoutException(
          "the server's log named no TLS port and certificate; is parley.tls on in "
              + plan.serverConfig()
              + "? See "
              + plan.serverLog());
    }
  }

  private void warmUp(Door door, FanOut fanOut)
      throws IOException, InterruptedException, TimeoutException {
    if (plan.serverWarmUp().isZero()) {
      return;
    }
    log.printf(
        "  warm-up, %s: %s for %d s, not counted%n",
        door.transport().label(), fanOut.name(), plan.serverWarmUp().toSeconds());
    try (var room = FanOutRoom.open(door, nextRoom(), fanOut, SETUP_TIMEOUT)) {
      noteProtection(door, room);
      room.startSending();
      sendFor(room, plan.serverWarmUp());
      room.stopSending();
      room.awaitDeliveries(DRAIN_TIMEOUT);
    }
  }

  private TransportTable.Row measure(FanOut fanOut, Door cleartextDoor, Door tlsDoor)
      throws IOException, InterruptedException, TimeoutException {
    log.printf(
        "== %s: %d s of warm-up and %d s measured per round%n",
        fanOut.name(), plan.warmUp().toSeconds(), plan.measured().toSeconds());
    var rounds = new ArrayList<Round>();
    for (Transport transport : roundOrder(plan.roundsEach())) {
      Door door = transport == Transport.CLEARTEXT ? cleartextDoor : tlsDoor;
      rounds.add(round(rounds.size() + 1, door, fanOut));
    }
    return new TransportTable.Row(
        fanOut,
        TransportFigures.pool(Transport.CLEARTEXT, rounds),
        TransportFigures.pool(Transport.TLS, rounds));
  }

  private Round round(int number, Door door, FanOut fanOut)
      throws IOException, InterruptedException, TimeoutException {
    try (var room = FanOutRoom.open(door, nextRoom(), fanOut, SETUP_TIMEOUT)) {
      noteProtection(door, room);
      room.startSending();
      sendFor(room, plan.warmUp());
      ProcessSample serverBefore = serverProbe.sample();
      ProcessSample benchBefore = benchProbe.sample();
      room.tally().restartLatencies();
      long from = System.nanoTime();
      sendFor(room, plan.measured());
      Histogram latency = room.tally().latenciesSinceRestart();
      long to = System.nanoTime();
      ProcessSample serverAfter = serverProbe.sample();
      ProcessSample benchAfter = benchProbe.sample();
      room.stopSending();
      room.awaitDeliveries(DRAIN_TIMEOUT);
      double seconds = (to - from) / 1e9;
      var round =
          new Round(
              door.transport(),
              number,
              seconds,
              latency,
              serverProbe.cpuSeconds(serverBefore, serverAfter),
              serverProbe.othersOnCoresPercent(serverBefore, serverAfter) / 100 * seconds,
              benchProbe.cpuSeconds(benchBefore, benchAfter),
              benchProbe.othersOnCoresPercent(benchBefore, benchAfter) / 100 * seconds,
              room.tally().gaps());
      log.printf(
          "  round %d, %-9s %,9.0f deliveries/s, p50 %.2f ms, p99 %.2f ms; server CPU %.2f µs per"
              + " delivery (%.0f %%), bench %.0f %%, others on their cores %.0f %% / %.0f %%;"
              + " %d gaps%n",
          number,
          door.transport().label() + ":",
          round.deliveriesPerSecond(),
          latency.getValueAtPercentile(50) / 1e6,
          latency.getValueAtPercentile(99) / 1e6,
          round.serverCpuMicrosPerDelivery(),
          100 * round.serverCpuSeconds() / seconds,
          100 * round.benchCpuSeconds() / seconds,
          100 * round.othersOnServerCoresSeconds() / seconds,
          100 * round.othersOnBenchCoresSeconds() / seconds,
          round.gaps());
      return round;
    }
  }

  // waits while the senders send, and stops early when a member failed
  private static void sendFor(FanOutRoom room, Duration length) throws InterruptedException {
    long end = System.nanoTime() + length.toNanos();
    for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
      room.checkFailure();
      TimeUnit.NANOSECONDS.sleep(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)));
    }
    room.checkFailure();
  }

  private static String hostAndPort(InetSocketAddress address) {
    return address.getHostString() + ":" + address.getPort();
  }

  private String nextRoom() {
    rooms++;
    return "round" + rooms;
  }

  private void noteProtection(Door door, FanOutRoom room) {
    if (door.transport() == Transport.TLS && tlsProtection.isEmpty()) {
      tlsProtection = room.protection();
      log.printf("  TLS connections: %s%n", tlsProtection);
    }
  }
}
