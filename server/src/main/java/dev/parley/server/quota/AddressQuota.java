package dev.parley.server.quota;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;

/**
 * How many times one address may do a thing that lasts, such as making an account or a room, within
 * a window: what one client, reconnecting under other nicks, may take of what all share. Kept only
 * for the addresses that did it lately; used by one actor, on its thread.
 */
public final class AddressQuota {

  private final int max;
  private final Duration window;
  private final Map<String, ArrayDeque<Instant>> recentByAddress = new HashMap<>();
  private Instant lastSweep = Instant.MIN;

  public AddressQuota(int max, Duration window) {
    this.max = max;
    this.window = window;
  }

  /** Takes one of what {@code address} may do; false, taking nothing, when it has done it all. */
  public boolean tryTake(String address, Instant now) {
    sweep(now);
    ArrayDeque<Instant> recent =
        recentByAddress.computeIfAbsent(address, key -> new ArrayDeque<>());
    forgetOld(recent, now);
    if (recent.size() >= max) {
      return false;
    }
    recent.addLast(now);
    return true;
  }

  /** The minutes, rounded up, until {@code address} may do it again; 0 if it may now. */
  public long minutesToWait(String address, Instant now) {
    ArrayDeque<Instant> recent = recentByAddress.get(address);
    if (recent == null || recent.size() < max) {
      return 0;
    }
    long seconds = Duration.between(now, recent.peekFirst().plus(window)).toSeconds();
    return Math.max(1, (seconds + 59) / 60);
  }

  private void forgetOld(ArrayDeque<Instant> recent, Instant now) {
    while (!recent.isEmpty() && !recent.peekFirst().isAfter(now.minus(window))) {
      recent.removeFirst();
    }
  }

  // a sweep per window keeps the map to the addresses that did it lately
  private void sweep(Instant now) {
    if (Duration.between(lastSweep, now).compareTo(window) < 0) {
      return;
    }
    lastSweep = now;
    Iterator<ArrayDeque<Instant>> entries = recentByAddress.values().iterator();
    while (entries.hasNext()) {
      ArrayDeque<Instant> recent = entries.next();
      forgetOld(recent, now);
      if (recent.isEmpty()) {
        entries.remove();
      }
    }
  }
}
