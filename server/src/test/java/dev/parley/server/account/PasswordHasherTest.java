package dev.parley.server.account;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.settings.AccountSettings.Argon2Settings;
import org.junit.jupiter.api.Test;

class PasswordHasherTest {

  private final PasswordHasher hasher = new PasswordHasher(new Argon2Settings(64, 1, 1));

  @Test
  void verifiesThePasswordAHashWasMadeFrom() {
    String hash = hasher.hash("correct horse");
    assertTrue(hash.startsWith("$argon2id$v=19$m=64,t=1,p=1$"), hash);
    assertTrue(hasher.verify("correct horse", hash));
    assertFalse(hasher.verify("correct horsf", hash));
  }

  @Test
  void saltsEveryHash() {
    assertNotEquals(hasher.hash("same password"), hasher.hash("same password"));
  }

  @Test
  void verifiesAHashMadeWithAnotherCost() {
    String hash = new PasswordHasher(new Argon2Settings(128, 2, 2)).hash("correct horse");
    assertTrue(hasher.verify("correct horse", hash));
  }

  @Test
  void refusesWhatIsNoHashOfItsKind() {
    assertFalse(hasher.verify("x", "plain text"));
    assertFalse(PasswordHasher.isEncodedHash("$argon2i$v=19$m=64,t=1,p=1$c2FsdA$aGFzaA"));
    assertTrue(PasswordHasher.isEncodedHash(hasher.hash("anything at all")));
  }
}
