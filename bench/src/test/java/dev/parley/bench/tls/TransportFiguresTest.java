package dev.parley.bench.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

class TransportFiguresTest {

  @Test
  void poolsTheRoundsOfATransport() {
    var rounds =
        List.of(
            round(Transport.CLEARTEXT, 1, 10, 1_000_000, 1, 2.0),
            round(Transport.TLS, 2, 10, 1_000_000, 2, 3.0),
            round(Transport.TLS, 3, 10, 500_000, 4, 4.0),
            round(Transport.CLEARTEXT, 4, 10, 500_000, 1, 1.0));

    TransportFigures tls = TransportFigures.pool(Transport.TLS, rounds);

    assertEquals(1_500_000, tls.deliveries());
    assertEquals(20, tls.seconds());
    assertEquals(75_000, tls.deliveriesPerSecond());
    assertEquals(7.0, tls.serverCpuSeconds());
    assertEquals(35, tls.serverCpuPercent(), 1e-9);
    assertEquals(7.0 / 1.5, tls.serverCpuMicrosPerDelivery(), 1e-9);
    assertEquals(List.of(3.0, 8.0), tls.serverCpuMicrosByRound());
    assertEquals(2, tls.latency().p50(), 0.01, "the rounds' latencies in one histogram");
    assertEquals(4, tls.latency().p99(), 0.01);
  }

  // every delivery of the round took latencyMillis
  static Round round(
      Transport transport,
      int number,
      double seconds,
      long deliveries,
      double latencyMillis,
      double serverCpuSeconds) {
    var latency = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
    latency.recordValueWithCount(Math.round(latencyMillis * 1e6), deliveries);
    return new Round(transport, number, seconds, latency, serverCpuSeconds, 0.1, 5, 0, 0);
  }
}
