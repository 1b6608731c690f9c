package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class FloodControlTest {

  private static final long MS = 1_000_000;

  @Test
  void takesABurstAtOnceThenOneFramePerInterval() {
    var flood = new FloodControl(3, 10, 0);

    assertEquals(0, flood.delayNanos(0));
    assertEquals(0, flood.delayNanos(0));
    assertEquals(0, flood.delayNanos(0));
    assertEquals(100 * MS, flood.delayNanos(0));
    assertEquals(40 * MS, flood.delayNanos(60 * MS));
    assertEquals(0, flood.delayNanos(100 * MS));
    assertEquals(100 * MS, flood.delayNanos(100 * MS));
  }

  @Test
  void aQuietSenderEarnsItsBurstBackButNoMore() {
    var flood = new FloodControl(2, 10, 0);
    flood.delayNanos(0);
    flood.delayNanos(0);

    long later = 10_000 * MS;
    assertEquals(0, flood.delayNanos(later));
    assertEquals(0, flood.delayNanos(later));
    assertEquals(100 * MS, flood.delayNanos(later));
  }

  @Test
  void aWaitingFrameIsNotTakenUntilAsked() {
    var flood = new FloodControl(1, 2, 0);
    flood.delayNanos(0);

    assertEquals(500 * MS, flood.delayNanos(0));
    assertEquals(500 * MS, flood.delayNanos(0));
    assertEquals(0, flood.delayNanos(500 * MS));
  }
}
