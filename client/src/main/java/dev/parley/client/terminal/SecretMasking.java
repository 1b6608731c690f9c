package dev.parley.client.terminal;

import dev.parley.client.command.SlashCommand;
import java.util.function.BooleanSupplier;
import org.jline.reader.MaskingCallback;

/**
 * While {@code secret} says so, the line being typed shows as stars and stays out of the input
 * history: the line editor asks it on every redraw, so a prompt can turn into a password prompt
 * while a line is being read. A {@code /register} line with arguments, in any letter case, stays
 * out of the history too: what follows the command may be a password typed there by mistake.
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
    return secret.getAsBoolean() || isRegisterWithArguments(line) ? null : line;
  }

  private static boolean isRegisterWithArguments(String line) {
    String[] words = line.strip().split("\\s+", 2);
    return words.length == 2
        && SlashCommand.byWord(words[0]).filter(SlashCommand.REGISTER::equals).isPresent();
  }
}
