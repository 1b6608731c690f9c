package dev.parley.bench.wire;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;

/**
 * Reads a blocking stream, a plain or a TLS socket's, and hands over whole lines without their
 * {@code \n}; the unfinished end of a read stays at the start of its buffer for the next one.
 */
public final class StreamLineReader {

  private final InputStream in;
  private byte[] buffer;
  private int start;
  private int end;

  public StreamLineReader(InputStream in, int bufferBytes) {
    this.in = in;
    this.buffer = new byte[bufferBytes];
  }

  /**
   * Reads what the stream has, waiting for at least one byte, and hands over every line completed
   * by it.
   *
   * @return the bytes read, or -1 at the end of the stream
   */
  public int read(LineReader.LineHandler handler) throws IOException {
    if (start > 0) {
      System.arraycopy(buffer, start, buffer, 0, end - start);
      end -= start;
      start = 0;
    }
    if (end == buffer.length) {
      // a line longer than the buffer: make room so every read still makes progress
      buffer = Arrays.copyOf(buffer, buffer.length * 2);
    }
    int read = in.read(buffer, end, buffer.length - end);
    if (read < 0) {
      return read;
    }
    int newline;
    int searchFrom = end;
    end += read;
    while ((newline = Ascii.indexOf(buffer, searchFrom, end, (byte) '\n')) >= 0) {
      handler.onLine(buffer, start, newline);
      start = newline + 1;
      searchFrom = start;
    }
    return read;
  }
}
