package dev.parley.server.directory;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.account.LoginThrottle;
import dev.parley.server.account.PasswordHasher;
import dev.parley.server.settings.AccountSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * The Directory's passwords: which logins may have their password checked now, and how a failed one
 * is answered (failed logins lock an account or an address out for a while); the checks and the
 * hashes of new accounts run on their own executor, as many at once as the settings allow. Used
 * from the Directory's thread only.
 */
final class PasswordChecks {

  private static final String NO_MATCH = "no account matches that nick and password";

  private final PasswordHasher hasher;
  private final Executor hashing;
  private final LoginThrottle throttle;
  private final int maxPasswordHashes;
  // accounts whose password is being checked right now
  private final Set<String> verifying = new HashSet<>();
  // password checks and hashes under way or waiting for a thread, for the whole server
  private int passwordHashes;

  PasswordChecks(AccountSettings settings, Executor hashing) {
    this.hasher = new PasswordHasher(settings.argon2());
    this.hashing = hashing;
    this.maxPasswordHashes = settings.maxPasswordHashes();
    this.throttle =
        new LoginThrottle(
            settings.maxFailedLogins(),
            settings.maxFailedLoginsPerAddress(),
            settings.failedLoginWindow(),
            settings.lockout());
  }

  /**
   * Why the login of {@code key} ({@code account}: null when the nick has none) is refused before
   * any password is checked; empty when its password is to be checked. A password for a nick with
   * no account counts as a failed login.
   */
  Optional<ServerFrame.Error> refusalBeforeCheck(
      Directory.Claim claim, String key, Account account) {
    Instant now = Instant.now();
    var lockedOut = throttle.lockedOutFor(key, claim.address(), now);
    if (lockedOut.isPresent()
        || verifying.contains(key)
        || (claim.password() != null && !throttle.mayCheckAnotherFrom(claim.address(), now))) {
      // one check at a time per account, and per address no more than it may fail: guesses
      // cannot queue up hashes faster than they fail
      long seconds = lockedOut.map(PasswordChecks::wholeSeconds).orElse(1L);
      return Optional.of(
          new ServerFrame.Error(
              claim.re(),
              ErrorCode.LOCKED_OUT,
              "too many failed logins; try again in " + seconds + " s",
              seconds));
    }
    if (claim.password() == null) {
      // no password guesses nothing, so it is no failed login
      return Optional.of(
          error(
              claim.re(),
              ErrorCode.AUTH_FAILED,
              "nick " + account.nick() + " is registered; give its password"));
    }
    if (account == null) {
      return Optional.of(wrongPassword(claim, null));
    }
    if (!mayHash()) {
      return Optional.of(busy(claim.re()));
    }
    return Optional.empty();
  }

  /** Checks the claim's password against {@code hash}; {@link #checked} once it is known. */
  CompletableFuture<Boolean> check(Directory.Claim claim, String key, String hash) {
    passwordHashes++;
    verifying.add(key);
    throttle.checkStarted(claim.address());
    return CompletableFuture.supplyAsync(() -> hasher.verify(claim.password(), hash), hashing);
  }

  /**
   * The check of {@code key}'s password ended: null when it matched, else the refusal (a failed
   * login, counted).
   */
  ServerFrame.Error checked(Directory.Claim claim, String key, boolean matched) {
    passwordHashes--;
    verifying.remove(key);
    throttle.checkEnded(claim.address());
    if (matched) {
      throttle.succeeded(key);
      return null;
    }
    return wrongPassword(claim, key);
  }

  boolean mayHash() {
    return passwordHashes < maxPasswordHashes;
  }

  /** Hashes a new account's password; {@link #hashed} once it is done. */
  CompletableFuture<String> hash(String password) {
    passwordHashes++;
    return CompletableFuture.supplyAsync(() -> hasher.hash(password), hashing);
  }

  void hashed() {
    passwordHashes--;
  }

  /** The answer to a password that cannot be checked or hashed now, as the server is busy. */
  static ServerFrame.Error busy(FrameId re) {
    return new ServerFrame.Error(
        re,
        ErrorCode.SERVER_BUSY,
        "the server checks as many passwords as it can right now; try again in 1 s",
        1L);
  }

  /**
   * Counts a failed login of {@code account} (null: the nick has none); the failure that locks the
   * nick or the address says so, and for how long, in {@code retry_after_s}.
   */
  private ServerFrame.Error wrongPassword(Directory.Claim claim, String account) {
    Instant now = Instant.now();
    throttle.failed(account, claim.address(), now);
    var wait = throttle.lockedOutFor(account, claim.address(), now);
    if (wait.isEmpty()) {
      return error(claim.re(), ErrorCode.AUTH_FAILED, NO_MATCH);
    }
    long seconds = wholeSeconds(wait.get());
    String locked =
        throttle.isAccountLocked(account, now)
            ? "the account " + claim.nick() + " is now locked for "
            : "logins from your address are now locked for ";
    return new ServerFrame.Error(
        claim.re(),
        ErrorCode.AUTH_FAILED,
        NO_MATCH + "; that was too many failed logins: " + locked + seconds + " s",
        seconds);
  }

  private static ServerFrame.Error error(FrameId re, ErrorCode code, String message) {
    return new ServerFrame.Error(re, code, message, null);
  }

  private static long wholeSeconds(Duration wait) {
    return (wait.toMillis() + 999) / 1000;
  }
}
