package dev.parley.client.terminal;

import java.util.function.BooleanSupplier;
import org.jline.reader.MaskingCallback;

/**
 * While {@code secret} says so, the line being typed shows as stars and stays out of the input
 * history: the line editor asks it on every redraw, so a prompt can turn into a password prompt
 * while a line is being read.
 */
final class SecretMasking implements MaskingCallback {

  private final BooleanSupplier secret;

  SecretMasking(BooleanSupplier secret) {
    this.secret = secret;
  }

  @Override
  public String display(String line) {
    return secret.getAsBoolean() ? "*".repeat(line.length()) : line;
  }

  @Override
  public String history(String line) {
    return secret.getAsBoolean() ? null : line;
  }
}
