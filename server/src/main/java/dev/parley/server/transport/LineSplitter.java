package dev.parley.server.transport;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Cuts a byte stream into lines ended by {@code \n}. A line longer than the limit (newline
 * included) is reported once, as soon as it is known to be too long, and skipped up to its newline,
 * so that what is held never exceeds the limit, whatever a client sends.
 */
public final class LineSplitter {

  public sealed interface Line {}

  /** A line without its {@code \n}. */
  public record Complete(ByteString bytes) implements Line {}

  public enum TooLong implements Line {
    INSTANCE
  }

  private final int maxLineBytes;
  // the start of a line, holding no newline: only new bytes are searched; empty, it costs nothing
  private ByteString partial = ByteString.emptyByteString();
  private boolean skipping;

  public LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  public List<Line> split(ByteString chunk) {
    var lines = new ArrayList<Line>(2);
    int start = 0;
    for (int newline = chunk.indexOf((byte) '\n', 0);
        newline >= 0;
        newline = chunk.indexOf((byte) '\n', start)) {
      if (skipping) {
        skipping = false;
      } else if (partial.length() + newline + 1 - start > maxLineBytes) {
        lines.add(TooLong.INSTANCE);
      } else {
        lines.add(new Complete(partial.concat(chunk.slice(start, newline)).compact()));
      }
      partial = ByteString.emptyByteString();
      start = newline + 1;
    }
    ByteString rest = chunk.drop(start);
    if (skipping) {
      return lines;
    }
    if (partial.length() + rest.length() >= maxLineBytes) {
      lines.add(TooLong.INSTANCE);
      skipping = true;
      partial = ByteString.emptyByteString();
    } else {
      partial = partial.concat(rest);
    }
    return lines;
  }
}
