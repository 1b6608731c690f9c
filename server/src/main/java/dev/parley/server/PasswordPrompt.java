package dev.parley.server;

import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** Asks for a password: at the terminal without echo, or as a line of standard input. */
@FunctionalInterface
interface PasswordPrompt {

  /** The password typed, or null when there is none to read. */
  String read(String prompt);

  static PasswordPrompt terminalOr(InputStream in) {
    Console console = System.console();
    if (console != null) {
      return prompt -> {
        char[] typed = console.readPassword("%s", prompt);
        return typed == null ? null : new String(typed);
      };
    }
    var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    return prompt -> {
      try {
        return lines.readLine();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    };
  }
}
