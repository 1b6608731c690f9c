package dev.parley.server.account;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LoginThrottleTest {

  private static final Instant START = Instant.parse("2026-11-22T10:00:00Z");

  private final LoginThrottle throttle =
      new LoginThrottle(3, 5, Duration.ofSeconds(60), Duration.ofSeconds(60));

  private static Instant at(long seconds) {
    return START.plusSeconds(seconds);
  }

  @Test
  void locksAnAccountOutAfterItsThirdFailureWithinTheWindow() {
    throttle.failed("alice", "a1", at(0));
    throttle.failed("alice", "a2", at(10));
    assertEquals(Optional.empty(), throttle.lockedOutFor("alice", "a3", at(20)));
    throttle.failed("alice", "a3", at(20));
    assertEquals(Optional.of(Duration.ofSeconds(55)), throttle.lockedOutFor("alice", "a4", at(25)));
  }

  @Test
  void endsTheLockoutWhenItsTimeIsOver() {
    for (int i = 0; i < 3; i++) {
      throttle.failed("alice", "a" + i, at(i));
    }
    assertTrue(throttle.lockedOutFor("alice", "x", at(61)).isPresent());
    assertEquals(Optional.empty(), throttle.lockedOutFor("alice", "x", at(62)));
  }

  @Test
  void forgetsFailuresOlderThanTheWindow() {
    throttle.failed("alice", "a1", at(0));
    throttle.failed("alice", "a2", at(10));
    throttle.failed("alice", "a3", at(70));
    assertEquals(Optional.empty(), throttle.lockedOutFor("alice", "a4", at(71)));
  }

  @Test
  void locksAnAddressOutAfterFailuresAcrossAccounts() {
    for (int i = 0; i < 5; i++) {
      throttle.failed(i % 2 == 0 ? null : "user" + i, "198.51.100.7", at(i));
    }
    assertTrue(throttle.lockedOutFor("anyone", "198.51.100.7", at(6)).isPresent());
    assertEquals(Optional.empty(), throttle.lockedOutFor("anyone", "198.51.100.8", at(6)));
  }

  @Test
  void clearsAnAccountsFailuresOnSuccess() {
    throttle.failed("alice", "a1", at(0));
    throttle.failed("alice", "a1", at(1));
    throttle.succeeded("alice");
    throttle.failed("alice", "a1", at(2));
    assertEquals(Optional.empty(), throttle.lockedOutFor("alice", "a2", at(3)));
  }
}
