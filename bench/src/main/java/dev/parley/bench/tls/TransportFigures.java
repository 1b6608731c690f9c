package dev.parley.bench.tls;

import dev.parley.bench.load.LatencySummary;
import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * The rounds of one transport taken together: their deliveries over their measured seconds, their
 * latencies in one histogram, their CPU times added up.
 *
 * @param serverCpuMicrosByRound each round's server CPU per delivery, in order, to see how far the
 *     rounds agree
 */
record TransportFigures(
    Transport transport,
    double seconds,
    long deliveries,
    LatencySummary latency,
    double serverCpuSeconds,
    double othersOnServerCoresSeconds,
    double benchCpuSeconds,
    double othersOnBenchCoresSeconds,
    long gaps,
    List<Double> serverCpuMicrosByRound) {

  TransportFigures {
    serverCpuMicrosByRound = List.copyOf(serverCpuMicrosByRound);
  }

  /** Pools the rounds of one transport. */
  static TransportFigures pool(Transport transport, List<Round> rounds) {
    var pooled = rounds.stream().filter(round -> round.transport() == transport).toList();
    if (pooled.isEmpty()) {
      throw new IllegalArgumentException("no round through " + transport.label());
    }
    var latency = new Histogram(pooled.get(0).latency().getHighestTrackableValue(), 3);
    pooled.forEach(round -> latency.add(round.latency()));
    return new TransportFigures(
        transport,
        pooled.stream().mapToDouble(Round::seconds).sum(),
        latency.getTotalCount(),
        LatencySummary.of(latency),
        pooled.stream().mapToDouble(Round::serverCpuSeconds).sum(),
        pooled.stream().mapToDouble(Round::othersOnServerCoresSeconds).sum(),
        pooled.stream().mapToDouble(Round::benchCpuSeconds).sum(),
        pooled.stream().mapToDouble(Round::othersOnBenchCoresSeconds).sum(),
        pooled.stream().mapToLong(Round::gaps).sum(),
        pooled.stream().map(Round::serverCpuMicrosPerDelivery).toList());
  }

  double deliveriesPerSecond() {
    return deliveries / seconds;
  }

  double serverCpuMicrosPerDelivery() {
    return deliveries == 0 ? 0 : 1e6 * serverCpuSeconds / deliveries;
  }

  /** In percent of one core. */
  double serverCpuPercent() {
    return 100 * serverCpuSeconds / seconds;
  }

  double othersOnServerCoresPercent() {
    return 100 * othersOnServerCoresSeconds / seconds;
  }

  double benchCpuPercent() {
    return 100 * benchCpuSeconds / seconds;
  }

  double othersOnBenchCoresPercent() {
    return 100 * othersOnBenchCoresSeconds / seconds;
  }
}
