package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PendingOutputTest {

  private final PendingOutput pending = new PendingOutput();

  @Test
  void countsWhatWasHandedOverAndNotTakenYet() {
    pending.handedOver(10);
    pending.handedOver(5);
    assertFalse(pending.taken(10));
    assertEquals(5, pending.bytes());
  }

  @Test
  void tellsTheSessionOnlyWhenItWaitsAndOnlyOnceAllIsTaken() {
    assertTrue(pending.takenOrWait(), "nothing handed over is all taken");
    pending.handedOver(10);
    assertFalse(pending.taken(10), "the session did not wait");
    pending.handedOver(10);
    assertFalse(pending.takenOrWait());
    pending.handedOver(5);
    assertFalse(pending.taken(10), "five bytes are left");
    assertTrue(pending.taken(5));
    pending.handedOver(1);
    assertFalse(pending.taken(1), "told once per wait");
  }
}
