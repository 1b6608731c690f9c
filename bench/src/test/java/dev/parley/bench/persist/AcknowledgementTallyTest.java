package dev.parley.bench.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AcknowledgementTallyTest {

  private static final long START = 1_000_000_000L;
  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void countsOnlyTheAcknowledgementsThatArriveWithinThePhase() {
    var tally = new AcknowledgementTally(START, Duration.ofSeconds(2));

    tally.count(START - 1, MILLI);
    tally.count(START, MILLI);
    tally.count(START + 2 * SECOND - 1, MILLI);
    tally.count(START + 2 * SECOND, MILLI);

    assertEquals(2, tally.counted());
  }

  @Test
  void findsTheSecondWithTheFewestAcknowledgements() {
    var tally = new AcknowledgementTally(START, Duration.ofSeconds(3));
    for (int i = 0; i < 5; i++) {
      tally.count(START + i, MILLI);
    }
    tally.count(START + SECOND, MILLI);
    for (int i = 0; i < 4; i++) {
      tally.count(START + 2 * SECOND + i, MILLI);
    }

    assertEquals(1, tally.slowestSecond());
  }

  @Test
  void aSecondWithoutAnyAcknowledgementIsTheSlowest() {
    var tally = new AcknowledgementTally(START, Duration.ofSeconds(3));
    tally.count(START, MILLI);
    tally.count(START + 2 * SECOND, MILLI);

    assertEquals(0, tally.slowestSecond());
  }

  @Test
  void summarizesTheTimeFromSayToAcknowledgement() {
    var tally = new AcknowledgementTally(START, Duration.ofSeconds(1));
    for (int millis = 1; millis <= 100; millis++) {
      tally.count(START + millis, millis * MILLI);
    }

    assertEquals(50, tally.latency().p50(), 0.1);
    assertEquals(100, tally.latency().max(), 0.1);
  }
}
