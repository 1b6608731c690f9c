package dev.parley.server.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * The splitter against a model of what it must emit, for bytes cut into chunks wherever the fuzzer
 * likes. The last bytes of an input choose the limit and the cuts, the rest is the stream (see
 * {@link FuzzedDataProvider}). A plain build replays the inputs under {@code
 * LineSplitterFuzzTestInputs}; {@code scripts/fuzz.sh} fuzzes.
 */
class LineSplitterFuzzTest {

  private static final ByteString NEWLINE = ByteString.fromString("\n");

  @FuzzTest
  void emitsTheLinesOfTheModelHoweverTheBytesArrive(FuzzedDataProvider data) {
    int maxLineBytes = data.consumeInt(1, 64);
    int[] cuts = new int[data.consumeInt(0, 8)];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = data.consumeInt(0, Integer.MAX_VALUE);
    }
    byte[] stream = data.consumeRemainingAsBytes();
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] %= stream.length + 1;
    }
    Arrays.sort(cuts);

    List<LineSplitter.Line> whole = split(maxLineBytes, stream, new int[0]);
    assertEquals(whole, split(maxLineBytes, stream, cuts), "other chunks gave other lines");
    assertEquals(model(maxLineBytes, stream), whole);
    for (LineSplitter.Line line : whole) {
      if (line instanceof LineSplitter.Complete complete) {
        assertTrue(complete.bytes().length() < maxLineBytes, "a line over the limit");
        assertTrue(complete.bytes().indexOf((byte) '\n') < 0, "a newline inside a line");
      }
    }
    if (!whole.contains(LineSplitter.TooLong.INSTANCE)) {
      var joined = ByteString.emptyByteString();
      for (LineSplitter.Line line : whole) {
        joined = joined.concat(((LineSplitter.Complete) line).bytes()).concat(NEWLINE);
      }
      int ended = stream.length;
      while (ended > 0 && stream[ended - 1] != '\n') {
        ended--;
      }
      assertEquals(ByteString.fromArray(stream, 0, ended), joined);
    }
  }

  private static List<LineSplitter.Line> split(int maxLineBytes, byte[] stream, int[] cuts) {
    var splitter = new LineSplitter(maxLineBytes);
    var lines = new ArrayList<LineSplitter.Line>();
    int from = 0;
    for (int i = 0; i <= cuts.length; i++) {
      int to = i < cuts.length ? cuts[i] : stream.length;
      lines.addAll(splitter.split(ByteString.fromArray(stream, from, to - from)));
      from = to;
    }
    return lines;
  }

  // each line ended by a newline, too long from maxLineBytes bytes on (its newline makes one
  // more); the unfinished last line only once it is too long
  private static List<LineSplitter.Line> model(int maxLineBytes, byte[] stream) {
    var lines = new ArrayList<LineSplitter.Line>();
    int start = 0;
    for (int i = 0; i < stream.length; i++) {
      if (stream[i] == '\n') {
        lines.add(
            i - start >= maxLineBytes
                ? LineSplitter.TooLong.INSTANCE
                : new LineSplitter.Complete(ByteString.fromArray(stream, start, i - start)));
        start = i + 1;
      }
    }
    if (stream.length - start >= maxLineBytes) {
      lines.add(LineSplitter.TooLong.INSTANCE);
    }
    return lines;
  }
}
