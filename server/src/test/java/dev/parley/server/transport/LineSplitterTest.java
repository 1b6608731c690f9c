package dev.parley.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class LineSplitterTest {

  private final LineSplitter splitter = new LineSplitter(10);

  private List<String> split(String... chunks) {
    var lines = new ArrayList<String>();
    for (String chunk : chunks) {
      for (LineSplitter.Line line : splitter.split(ByteString.fromString(chunk))) {
        lines.add(
            line instanceof LineSplitter.Complete complete
                ? complete.bytes().utf8String()
                : "<too long>");
      }
    }
    return lines;
  }

  @Test
  void cutsLinesAtNewlines() {
    assertEquals(List.of("a", "bc", ""), split("a\nbc\n\n"));
  }

  @Test
  void joinsALineThatArrivesInPieces() {
    assertEquals(List.of("abcdef"), split("ab", "cd", "ef\n"));
  }

  @Test
  void acceptsALineOfExactlyTheLimitWithItsNewline() {
    assertEquals(List.of("123456789"), split("123456789\n"));
  }

  @Test
  void reportsALongerLineOnceAndSkipsItUpToItsNewline() {
    assertEquals(List.of("<too long>", "next"), split("1234567890\nnext\n"));
  }

  @Test
  void reportsALineAsTooLongBeforeItsNewlineArrivesAndHoldsNoneOfIt() {
    assertEquals(List.of("<too long>"), split("1234567890"));
    assertEquals(List.of(), split("x".repeat(1_000_000)));
    assertEquals(List.of("ok"), split("tail\nok\n"));
  }

  @Test
  void keepsAnUnfinishedLineForTheNextChunk() {
    assertEquals(List.of("one"), split("one\ntw"));
    assertEquals(List.of("two"), split("o\n"));
  }

  @Test
  void joinsALineThatArrivesOneByteAtATime() {
    var lines = new ArrayList<String>();
    for (char c : "ping\n".toCharArray()) {
      lines.addAll(split(String.valueOf(c)));
    }
    assertEquals(List.of("ping"), lines);
  }
}
