package dev.parley.bench.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LineReaderTest {

  private final List<String> lines = new ArrayList<>();
  private final LineReader.LineHandler collect =
      (bytes, from, to) -> lines.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));

  @Test
  void keepsTheUnfinishedLineForTheNextRead() {
    var partial = new PartialLine();

    split("{\"a\":1}\n{\"b\"", partial);
    split(":2}\n\n{\"c\":3}", partial);
    split("\n", partial);

    assertEquals(List.of("{\"a\":1}", "{\"b\":2}", "", "{\"c\":3}"), lines);
    assertEquals(0, partial.length());
  }

  @Test
  void findsEveryLineWhereverItsEndFallsInAWordOfEightBytes() {
    var expected = new ArrayList<String>();
    var chunk = new StringBuilder();
    for (int length = 0; length <= 20; length++) {
      String line = "é".repeat(length % 3) + "x".repeat(length);
      expected.add(line);
      chunk.append(line).append('\n');
    }
    split(chunk + "unfinished", new PartialLine());

    assertEquals(expected, lines);
  }

  @Test
  void findsAByteAtEveryPlaceOrNowhere() {
    byte[] bytes = new byte[19];
    for (int at = 0; at < bytes.length; at++) {
      bytes[at] = (byte) 0x80;
      assertEquals(at, Ascii.indexOf(bytes, 0, bytes.length, (byte) 0x80), "at " + at);
      assertEquals(-1, Ascii.indexOf(bytes, at + 1, bytes.length, (byte) 0x80), "after " + at);
      bytes[at] = 0;
    }
  }

  @Test
  void writesNumbersInDecimal() {
    var buffer = ByteBuffer.allocate(64);
    Ascii.putLong(buffer, 0);
    buffer.put((byte) ' ');
    Ascii.putLong(buffer, -1_234_567_890_123L);
    buffer.put((byte) ' ');
    Ascii.putLong(buffer, Long.MAX_VALUE);

    assertEquals(
        "0 -1234567890123 9223372036854775807",
        new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII));
  }

  // as LineReader.read does: the waiting start of a line first, then what was read
  private void split(String chunk, PartialLine partial) {
    var buffer = ByteBuffer.allocate(1024);
    partial.moveTo(buffer);
    buffer.put(chunk.getBytes(StandardCharsets.UTF_8));
    LineReader.splitLines(buffer.array(), buffer.position(), partial, collect);
  }
}
