package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class CountingOutputTest {

  private final CountingOutput output =
      new CountingOutput() {
        @Override
        protected void passOn(Outbound outbound) {}
      };

  private void handOver(int bytes) {
    output.handOver(new Outbound.Frames(ByteString.fromString("x".repeat(bytes))));
  }

  @Test
  void countsWhatWasHandedOverAndNotTakenYet() {
    handOver(10);
    handOver(5);
    assertFalse(output.taken(10));
    assertEquals(5, output.pendingBytes());
  }

  @Test
  void tellsTheSessionOnlyWhenItWaitsAndOnlyOnceAllIsTaken() {
    assertTrue(output.takenOrTellWhenTaken(), "nothing handed over is all taken");
    handOver(10);
    assertFalse(output.taken(10), "the session did not wait");
    handOver(10);
    assertFalse(output.takenOrTellWhenTaken());
    handOver(5);
    assertFalse(output.taken(10), "five bytes are left");
    assertTrue(output.taken(5));
    handOver(1);
    assertFalse(output.taken(1), "told once per wait");
  }
}
