package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Collections;
import org.junit.jupiter.api.Test;

class TlsFingerprintTest {

  private static final String CANONICAL = String.join(":", Collections.nCopies(32, "0F"));

  @Test
  void aFingerprintIsTakenWithOrWithoutColonsInAnyCase() {
    assertEquals(CANONICAL, Fingerprint.parse("0f".repeat(32)).hex());
    assertEquals(CANONICAL, Fingerprint.parse(CANONICAL.toLowerCase()).hex());
    assertEquals(CANONICAL, Fingerprint.parse(" " + CANONICAL + "\n").hex());
  }

  @Test
  void anythingButSha256IsRefused() {
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("0F".repeat(20)));
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse("0G".repeat(32)));
    assertThrows(IllegalArgumentException.class, () -> Fingerprint.parse(""));
  }
}
