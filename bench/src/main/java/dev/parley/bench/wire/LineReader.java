package dev.parley.bench.wire;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * Reads connections into one buffer shared by every connection of a thread and hands over whole
 * lines, without their {@code \n}. The unfinished end of a read waits in the connection's own
 * {@link PartialLine}, so an idle connection holds no buffer.
 */
public final class LineReader {

  /** Receives each line as a range of a buffer that is only valid during the call. */
  public interface LineHandler {
    void onLine(byte[] bytes, int from, int to);
  }

  private ByteBuffer buffer;

  public LineReader(int bufferBytes) {
    buffer = ByteBuffer.allocate(bufferBytes);
  }

  /**
   * Reads what the channel has now and hands over every line completed by it.
   *
   * @return the bytes read, or -1 when the peer closed the connection
   */
  public int read(SocketChannel channel, PartialLine partial, LineHandler handler)
      throws IOException {
    if (partial.length() >= buffer.capacity() / 2) {
      // a line longer than half the buffer: make room so every read still makes progress
      buffer = ByteBuffer.allocate(buffer.capacity() * 2);
    }
    buffer.clear();
    partial.moveTo(buffer);
    int read = channel.read(buffer);
    if (read < 0) {
      return read;
    }
    splitLines(buffer.array(), buffer.position(), partial, handler);
    return read;
  }

  /** Hands over the lines of {@code bytes[0, end)} and keeps the unfinished rest in partial. */
  static void splitLines(byte[] bytes, int end, PartialLine partial, LineHandler handler) {
    int start = 0;
    int newline;
    while ((newline = Ascii.indexOf(bytes, start, end, (byte) '\n')) >= 0) {
      handler.onLine(bytes, start, newline);
      start = newline + 1;
    }
    partial.keep(bytes, start, end);
  }
}
