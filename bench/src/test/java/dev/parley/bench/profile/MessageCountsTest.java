package dev.parley.bench.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MessageCountsTest {

  private static final List<String> LINES =
      List.of(
          "1000 session/a.Adapted=10 stream/b.AsyncInput=5",
          "2000 session/a.Adapted=110 stream/b.AsyncInput=205 tcp-connection/c.Write=100",
          "3000 session/a.Adapted=210 stream/b.AsyncInput=405 tcp-connection/c.Write=200",
          "4000 session/a.Adapted=999 stream/b.AsyncInput=999 tcp-connection/c.Write=999");

  @Test
  void theWindowIsBetweenItsFirstAndItsLastLine() {
    var counts = MessageCounts.between(LINES, 1500, 3200);

    assertEquals(1.0, counts.seconds());
    assertEquals(Map.of("session", 100L, "stream", 200L, "tcp-connection", 100L), counts.byKind());
    assertEquals(400, counts.total());
  }

  @Test
  void theTableIsPerDeliveryAndPerMessageSentAtTheRunsRates() {
    String table = MessageCounts.between(LINES, 1500, 3200).table(100, 1);

    assertTrue(table.contains("| stream | all | 2.000 | 200.0 |"), table);
    assertTrue(table.contains("|  | AsyncInput | 2.000 | 200.0 |"), table);
    assertTrue(table.contains("| **all** |  | 4.000 | 400.0 |"), table);
  }

  @Test
  void noTwoLinesInTheWindowIsNoWindow() {
    assertEquals(0, MessageCounts.between(LINES, 3500, 3900).seconds());
  }
}
