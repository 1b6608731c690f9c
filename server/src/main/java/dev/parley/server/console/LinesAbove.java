package dev.parley.server.console;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * A stream of UTF-8 text that hands each whole line to {@code printAbove}: to the line editor,
 * which prints it above the prompt and draws the line being typed again below it.
 */
final class LinesAbove extends OutputStream {

  private final Consumer<String> printAbove;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();

  LinesAbove(Consumer<String> printAbove) {
    this.printAbove = printAbove;
  }

  @Override
  public synchronized void write(int b) {
    if (b == '\n') {
      String text = line.toString(StandardCharsets.UTF_8);
      line.reset();
      printAbove.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
    } else {
      line.write(b);
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }
}
