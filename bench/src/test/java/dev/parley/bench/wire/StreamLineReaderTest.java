package dev.parley.bench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import org.junit.jupiter.api.Test;

class StreamLineReaderTest {

  private final List<String> lines = new ArrayList<>();
  private final LineReader.LineHandler collect =
      (bytes, from, to) -> lines.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));

  @Test
  void keepsTheUnfinishedLineForTheNextRead() throws IOException {
    var reader = new StreamLineReader(chunks("{\"a\":1}\n{\"b\"", ":2}\n\n{\"c\":3}", "\n"), 64);

    while (reader.read(collect) >= 0) {
      // every line is collected as it is read
    }

    assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"), lines);
  }

  @Test
  void growsItsBufferForALineLongerThanIt() throws IOException {
    String longLine = "x".repeat(100);
    var reader =
        new StreamLineReader(
            chunks(longLine.substring(0, 30), longLine.substring(30) + "\nend\n"), 16);

    while (reader.read(collect) >= 0) {
      // every line is collected as it is read
    }

    assertEquals(List.of(longLine, "end"), lines);
  }

  // a stream that hands out each chunk in reads of at most the room the reader gives
  private static InputStream chunks(String... chunks) {
    Queue<byte[]> queue = new ArrayDeque<>();
    for (String chunk : chunks) {
      queue.add(chunk.getBytes(StandardCharsets.UTF_8));
    }
    return new InputStream() {
      private byte[] current = new byte[0];
      private int at;

      @Override
      public int read() {
        throw new UnsupportedOperationException("the reader reads arrays");
      }

      @Override
      public int read(byte[] into, int offset, int length) {
        if (at == current.length) {
          if (queue.isEmpty()) {
            return -1;
          }
          current = queue.remove();
          at = 0;
        }
        int count = Math.min(length, current.length - at);
        System.arraycopy(current, at, into, offset, count);
        at += count;
        return count;
      }
    };
  }
}
