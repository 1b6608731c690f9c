package dev.parley.bench.wire;

import java.nio.ByteBuffer;
import java.util.Arrays;

/** The start of a line that one read left unfinished, waiting for the next read. */
public final class PartialLine {

  private static final byte[] NONE = new byte[0];

  private byte[] bytes = NONE;
  private int length;

  public int length() {
    return length;
  }

  void keep(byte[] source, int from, int to) {
    length = to - from;
    if (length == 0) {
      return;
    }
    if (bytes.length < length) {
      bytes = Arrays.copyOf(bytes, Math.max(length, 2 * bytes.length));
    }
    System.arraycopy(source, from, bytes, 0, length);
  }

  void moveTo(ByteBuffer buffer) {
    buffer.put(bytes, 0, length);
    length = 0;
  }
}
