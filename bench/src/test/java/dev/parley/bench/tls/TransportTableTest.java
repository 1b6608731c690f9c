package dev.parley.bench.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TransportTableTest {

  private static final FanOut FAN_OUT =
      new FanOut("100 clients, 10 senders, 1,000 msg/s", 100, 10, 1000, 1000, 48);

  @Test
  void setsEachFigureOfTlsBesideCleartextWithTheirRatio() {
    var rounds =
        List.of(
            TransportFiguresTest.round(Transport.CLEARTEXT, 1, 10, 1_000_000, 1, 2.0),
            TransportFiguresTest.round(Transport.TLS, 2, 10, 1_000_000, 2, 3.0));
    var row =
        new TransportTable.Row(
            FAN_OUT,
            TransportFigures.pool(Transport.CLEARTEXT, rounds),
            TransportFigures.pool(Transport.TLS, rounds));

    String table = TransportTable.render(List.of(row));

    assertTrue(
        table.startsWith(
            "| workload | figure | cleartext | TLS | TLS/cleartext |\n|---|---|---:|---:|---:|\n"
                + "| 100 clients, 10 senders, 1,000 msg/s | deliveries/s | 100,000 | 100,000 | 1.00 |\n"),
        table);
    assertTrue(table.contains("|  | latency p50 | 1.00 ms | 2.00 ms | 2.00 |\n"), table);
    assertTrue(
        table.contains("|  | server CPU per delivery | 2.00 µs | 3.00 µs | 1.50 |\n"), table);
    assertTrue(table.contains("|  | server CPU | 20 % | 30 % | 1.50 |\n"), table);
    assertTrue(
        table.contains("|  | server CPU per delivery, each round | 2.00 µs | 3.00 µs |  |\n"),
        table);
    assertTrue(
        table.contains(
            "|  | other processes on the server's / bench's core | 1 % / 0 % | 1 % / 0 % |  |\n"),
        table);
  }

  @Test
  void hasNoRatioAgainstZero() {
    assertEquals("n/a", TransportTable.ratio(3, 0));
    assertEquals("1", TransportTable.ratio(0, 0));
    assertEquals("1.25", TransportTable.ratio(5, 4));
  }
}
