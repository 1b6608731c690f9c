package dev.parley.bench.tls;

import org.HdrHistogram.Histogram;

/**
 * The figures of one measured round through one transport: the deliveries that arrived in its
 * measured seconds, one latency each, and the CPU time used meanwhile.
 *
 * @param latency nanoseconds from send to receipt, one value per delivery
 * @param othersOnServerCoresSeconds CPU time other processes took of the server's cores
 * @param gaps gap frames in the whole round: messages dropped for a reader that fell behind
 */
record Round(
    Transport transport,
    int number,
    double seconds,
    Histogram latency,
    double serverCpuSeconds,
    double othersOnServerCoresSeconds,
    double benchCpuSeconds,
    double othersOnBenchCoresSeconds,
    long gaps) {

  long deliveries() {
    return latency.getTotalCount();
  }

  double deliveriesPerSecond() {
    return deliveries() / seconds;
  }

  double serverCpuMicrosPerDelivery() {
    return deliveries() == 0 ? 0 : 1e6 * serverCpuSeconds / deliveries();
  }
}
