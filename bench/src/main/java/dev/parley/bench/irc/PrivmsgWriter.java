package dev.parley.bench.irc;

import dev.parley.bench.load.MessageWriter;
import dev.parley.bench.wire.Ascii;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * Writes the {@code PRIVMSG}s of one sender to its channel; the text starts with the send time, as
 * in Parley's {@code say}. IRC has no id to tell an echo by: the sender's own messages do not come
 * back unless it asks for {@code echo-message}, which the generator does not.
 */
final class PrivmsgWriter implements MessageWriter {

  private static final byte[] END = Ascii.bytes("\r\n");

  private final byte[] start;
  private final byte[] padding;

  PrivmsgWriter(String channel, int textChars) {
    start = Ascii.bytes("PRIVMSG " + channel + " :");
    padding = new byte[textChars - SEND_TIME_DIGITS];
    Arrays.fill(padding, (byte) 'x');
    padding[0] = ' ';
  }

  @Override
  public int maxFrameBytes() {
    return start.length + SEND_TIME_DIGITS + padding.length + END.length;
  }

  @Override
  public void write(ByteBuffer buffer, long id, long sentAtNanos) {
    buffer.put(start);
    Ascii.putZeroPadded(buffer, sentAtNanos, SEND_TIME_DIGITS);
    buffer.put(padding);
    buffer.put(END);
  }
}
