package dev.parley.server.account;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Slows down password guessing: too many failed logins for one account, or from one address, within
 * a window lock that account or address out for a while, even for the right password.
 */
public final class LoginThrottle {

  private final int maxPerAccount;
  private final int maxPerAddress;
  private final Duration window;
  private final Duration lockout;
  private final Map<String, Failures> byAccount = new HashMap<>();
  private final Map<String, Failures> byAddress = new HashMap<>();
  // passwords of each address being checked now, whose failures are still to come
  private final Map<String, Integer> checkingByAddress = new HashMap<>();
  private Instant lastSweep = Instant.MIN;

  public LoginThrottle(int maxPerAccount, int maxPerAddress, Duration window, Duration lockout) {
    this.maxPerAccount = maxPerAccount;
    this.maxPerAddress = maxPerAddress;
    this.window = window;
    this.lockout = lockout;
  }

  /** How long until the account or address may try again, if either is locked out now. */
  public Optional<Duration> lockedOutFor(String account, String address, Instant now) {
    forgetExpired(now);
    Duration wait = Duration.ZERO;
    for (Failures failures : new Failures[] {byAccount.get(account), byAddress.get(address)}) {
      if (failures != null && failures.lockedUntil != null && failures.lockedUntil.isAfter(now)) {
        Duration left = Duration.between(now, failures.lockedUntil);
        wait = left.compareTo(wait) > 0 ? left : wait;
      }
    }
    return wait.isZero() ? Optional.empty() : Optional.of(wait);
  }

  /** Whether {@code account} itself is locked out now, not only the address it is tried from. */
  public boolean isAccountLocked(String account, Instant now) {
    Failures failures = account == null ? null : byAccount.get(account);
    return failures != null && failures.lockedUntil != null && failures.lockedUntil.isAfter(now);
  }

  /**
   * Whether one more password from {@code address} may be checked now: only as many at once as the
   * address may still fail before its lockout, so that guesses sent together cannot pass the limit
   * before the first of them are known to fail.
   */
  public boolean mayCheckAnotherFrom(String address, Instant now) {
    Failures failures = byAddress.get(address);
    int failed = failures == null ? 0 : failures.within(now);
    return failed + checkingByAddress.getOrDefault(address, 0) < maxPerAddress;
  }

  public void checkStarted(String address) {
    checkingByAddress.merge(address, 1, Integer::sum);
  }

  public void checkEnded(String address) {
    checkingByAddress.computeIfPresent(
        address, (key, checking) -> checking == 1 ? null : checking - 1);
  }

  /** A failed login; {@code account} is null when the nick has no account. */
  public void failed(String account, String address, Instant now) {
    if (account != null) {
      byAccount.computeIfAbsent(account, key -> new Failures()).add(now, maxPerAccount);
    }
    byAddress.computeIfAbsent(address, key -> new Failures()).add(now, maxPerAddress);
  }

  public void succeeded(String account) {
    byAccount.remove(account);
  }

  // a sweep per window keeps the maps to the accounts and addresses that failed lately
  private void forgetExpired(Instant now) {
    if (Duration.between(lastSweep, now).compareTo(window) < 0) {
      return;
    }
    lastSweep = now;
    for (Map<String, Failures> failures : List.of(byAccount, byAddress)) {
      Iterator<Failures> entries = failures.values().iterator();
      while (entries.hasNext()) {
        if (entries.next().isOver(now)) {
          entries.remove();
        }
      }
    }
  }

  private final class Failures {
    private final ArrayDeque<Instant> times = new ArrayDeque<>();
    private Instant lockedUntil;

    void add(Instant now, int max) {
      within(now);
      times.addLast(now);
      if (times.size() >= max) {
        lockedUntil = now.plus(lockout);
        times.clear();
      }
    }

    /** How many failures are within the window; older ones are forgotten. */
    int within(Instant now) {
      while (!times.isEmpty() && !times.peekFirst().isAfter(now.minus(window))) {
        times.removeFirst();
      }
      return times.size();
    }

    boolean isOver(Instant now) {
      boolean lockOver = lockedUntil == null || !lockedUntil.isAfter(now);
      boolean windowOver = times.isEmpty() || !times.peekLast().isAfter(now.minus(window));
      return lockOver && windowOver;
    }
  }
}
