package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClientFrameTest {

  @Test
  void keepsAHellosPasswordOutOfItsPrintedForm() {
    String printed = new ClientFrame.Hello(FrameId.of(1), "alice", "s3cret-pass", null).toString();
    assertFalse(printed.contains("s3cret-pass"), printed);
    assertTrue(printed.contains("alice"), printed);
  }

  @Test
  void keepsARegistersPasswordOutOfItsPrintedForm() {
    String printed = new ClientFrame.Register(FrameId.of(1), "s3cret-pass").toString();
    assertFalse(printed.contains("s3cret-pass"), printed);
  }
}
