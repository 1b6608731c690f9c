package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class SecretMaskingTest {

  private final AtomicBoolean secret = new AtomicBoolean();
  private final SecretMasking masking = new SecretMasking(secret::get);

  @Test
  void aSecretLineShowsAsStarsAndStaysOutOfTheHistory() {
    secret.set(true);
    assertEquals("********", masking.display("hunter22"));
    assertNull(masking.history("hunter22"));
  }

  @Test
  void otherLinesShowAndAreKeptAsTyped() {
    assertEquals("hello there", masking.display("hello there"));
    assertEquals("hello there", masking.history("hello there"));
  }

  @Test
  void aRegisterLineWithArgumentsStaysOutOfTheHistoryInAnyLetterCase() {
    for (String line : new String[] {"/register secret", "/rEgister secret", " /REGISTER  x"}) {
      assertNull(masking.history(line), line);
    }
    assertEquals("/register", masking.history("/register"));
    assertEquals("/registered secret", masking.history("/registered secret"));
  }
}
