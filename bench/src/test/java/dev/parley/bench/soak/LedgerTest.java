package dev.parley.bench.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class LedgerTest {

  private static Ledger.Message message(String room, long seq, String text) {
    return new Ledger.Message(room, seq, text);
  }

  @Test
  void findsEveryAcknowledgedMessageOnceAtItsSeq() {
    var ledger = new Ledger();
    ledger.acknowledge(message("a", 1, "one"));
    ledger.acknowledge(message("b", 1, "two"));

    var verdict =
        ledger.check(List.of(message("a", 1, "one"), message("b", 1, "two"), message("a", 2, "x")));

    assertEquals(new Ledger.Verdict(2, 0, 0, 0), verdict);
    assertTrue(verdict.allOnce());
  }

  @Test
  void aMessageAbsentFromHistoryIsMissing() {
    var ledger = new Ledger();
    ledger.acknowledge(message("a", 1, "one"));

    var verdict = ledger.check(List.of());

    assertEquals(new Ledger.Verdict(0, 1, 0, 0), verdict);
    assertFalse(verdict.allOnce());
  }

  @Test
  void aMessageInAnotherRoomIsMissingFromItsOwn() {
    var ledger = new Ledger();
    ledger.acknowledge(message("a", 1, "one"));

    assertEquals(new Ledger.Verdict(0, 1, 0, 0), ledger.check(List.of(message("b", 1, "one"))));
  }

  @Test
  void aMessageOnTwoPagesIsDuplicated() {
    var ledger = new Ledger();
    ledger.acknowledge(message("a", 1, "one"));

    var verdict = ledger.check(List.of(message("a", 1, "one"), message("a", 1, "one")));

    assertEquals(new Ledger.Verdict(0, 0, 1, 0), verdict);
  }

  @Test
  void aMessageAtAnotherSeqIsMisplaced() {
    var ledger = new Ledger();
    ledger.acknowledge(message("a", 1, "one"));

    assertEquals(new Ledger.Verdict(0, 0, 0, 1), ledger.check(List.of(message("a", 2, "one"))));
  }

  @Test
  void mergedLedgersAreCheckedTogether() {
    var first = new Ledger();
    first.acknowledge(message("a", 1, "one"));
    var second = new Ledger();
    second.acknowledge(message("a", 2, "two"));
    var all = new Ledger();
    all.addAll(first);
    all.addAll(second);

    assertEquals(2, all.size());
    assertEquals(new Ledger.Verdict(1, 1, 0, 0), all.check(List.of(message("a", 1, "one"))));
  }
}
