package dev.parley.bench.load;

import dev.parley.bench.wire.Ascii;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes the {@code say} frames of one sender. The text starts with the send time, 19 digits of
 * nanoseconds on the generator's clock, so that every receiver can tell how long the message took;
 * the {@code id} lets the sender know its own echo.
 */
public final class SayWriter implements MessageWriter {

  private static final int LONGEST_ID_DIGITS = 20;
  private static final byte[] TEXT_KEY = Ascii.bytes(",\"text\":\"");
  private static final byte[] END = Ascii.bytes("\"}\n");

  private final byte[] start;
  private final byte[] padding;

  public SayWriter(String room, int textChars) {
    start = Ascii.bytes("{\"type\":\"say\",\"room\":\"" + room + "\",\"id\":");
    padding = new byte[textChars - SEND_TIME_DIGITS];
    Arrays.fill(padding, (byte) 'x');
    padding[0] = ' ';
  }

  @Override
  public int maxFrameBytes() {
    return start.length
        + LONGEST_ID_DIGITS
        + TEXT_KEY.length
        + SEND_TIME_DIGITS
        + padding.length
        + END.length;
  }

  @Override
  public void write(ByteBuffer buffer, long id, long sentAtNanos) {
    buffer.put(start);
    Ascii.putLong(buffer, id);
    buffer.put(TEXT_KEY);
    Ascii.putZeroPadded(buffer, sentAtNanos, SEND_TIME_DIGITS);
    buffer.put(padding);
    buffer.put(END);
  }
}
