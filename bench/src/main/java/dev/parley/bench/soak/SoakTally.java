package dev.parley.bench.soak;

import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/** What the soak's clients did, counted by all of their threads together. */
final class SoakTally {

  private static final int KEPT_SURPRISES = 20;

  final AtomicLong connections = new AtomicLong();
  final AtomicLong quits = new AtomicLong();
  final AtomicLong drops = new AtomicLong();
  final AtomicLong guestLogins = new AtomicLong();
  final AtomicLong accountLogins = new AtomicLong();
  final AtomicLong registrations = new AtomicLong();
  final AtomicLong loginsFailedAsExpected = new AtomicLong();
  final AtomicLong serverBusy = new AtomicLong();
  final AtomicLong joins = new AtomicLong();
  final AtomicLong leaves = new AtomicLong();
  final AtomicLong saysAcknowledged = new AtomicLong();
  private final AtomicLong surprises = new AtomicLong();
  private final ConcurrentLinkedQueue<String> firstSurprises = new ConcurrentLinkedQueue<>();

  /** Something the protocol does not allow for this step: an unexpected answer, a lost link. */
  void surprise(String what) {
    if (surprises.incrementAndGet() <= KEPT_SURPRISES) {
      firstSurprises.add(what);
    }
  }

  long surprises() {
    return surprises.get();
  }

  List<String> firstSurprises() {
    return List.copyOf(firstSurprises);
  }
}
