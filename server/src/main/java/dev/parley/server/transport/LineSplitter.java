package dev.parley.server.transport;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Cuts a byte stream into lines ended by {@code \n}. A line longer than the limit (newline
 * included) is reported once, as soon as it is known to be too long, and skipped up to its newline,
 * so that what is held never exceeds the limit, whatever a client sends.
 */
final class LineSplitter {

  sealed interface Line {}

  /** A line without its {@code \n}. */
  record Complete(ByteString bytes) implements Line {}

  enum TooLong implements Line {
    INSTANCE
  }

  private final int maxLineBytes;
  private ByteString partial = ByteString.emptyByteString();
  private boolean skipping;

  LineSplitter(int maxLineBytes) {
    this.maxLineBytes = maxLineBytes;
  }

  List<Line> split(ByteString chunk) {
    var lines = new ArrayList<Line>(2);
    ByteString data = partial.concat(chunk);
    int start = 0;
    for (int newline = indexOfNewline(data, start);
        newline >= 0;
        newline = indexOfNewline(data, start)) {
      if (skipping) {
        skipping = false;
      } else if (newline + 1 - start > maxLineBytes) {
        lines.add(TooLong.INSTANCE);
      } else {
        lines.add(new Complete(data.slice(start, newline)));
      }
      start = newline + 1;
    }
    ByteString rest = data.drop(start);
    if (skipping) {
      partial = ByteString.emptyByteString();
    } else if (rest.length() >= maxLineBytes) {
      lines.add(TooLong.INSTANCE);
      skipping = true;
      partial = ByteString.emptyByteString();
    } else {
      partial = rest.compact();
    }
    return lines;
  }

  private static int indexOfNewline(ByteString data, int from) {
    for (int i = from; i < data.length(); i++) {
      if (data.apply(i) == '\n') {
        return i;
      }
    }
    return -1;
  }
}
