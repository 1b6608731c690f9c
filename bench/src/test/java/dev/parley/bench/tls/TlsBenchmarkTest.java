package dev.parley.bench.tls;

import static dev.parley.bench.tls.Transport.CLEARTEXT;
import static dev.parley.bench.tls.Transport.TLS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TlsBenchmarkTest {

  @Test
  void alternatesTheTransportsSoThatADriftFavoursNeither() {
    assertEquals(List.of(CLEARTEXT, TLS), TlsBenchmark.roundOrder(1));
    assertEquals(List.of(CLEARTEXT, TLS, TLS, CLEARTEXT), TlsBenchmark.roundOrder(2));
    assertEquals(
        List.of(CLEARTEXT, TLS, TLS, CLEARTEXT, CLEARTEXT, TLS), TlsBenchmark.roundOrder(3));
  }

  @Test
  void spreadsTheRateOverTheSenders() {
    var fanOut = new FanOut("rate", 100, 10, 1000, 1000, 48);

    assertEquals(10_000_000, fanOut.sendIntervalNanos());
    assertEquals(99_000, fanOut.deliveriesOf(1000));
  }
}
