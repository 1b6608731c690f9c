package dev.parley.server.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class SharedFramesTest {

  private final List<ServerFrame> encoded = new ArrayList<>();
  private final Function<ServerFrame, ByteString> encoder =
      frame -> {
        encoded.add(frame);
        return ByteString.fromString(((ServerFrame.Notice) frame).text() + "\n");
      };

  private static List<ServerFrame> notices(int count) {
    return IntStream.range(0, count)
        .mapToObj(n -> (ServerFrame) new ServerFrame.Notice("notice " + n, null))
        .toList();
  }

  private static String text(ByteString bytes) {
    return bytes.decodeString(StandardCharsets.UTF_8);
  }

  @Test
  void everyTailIsTheEndOfTheWholeEncodedOnce() {
    var all = SharedFrames.of(notices(100));

    for (int from = 99; from >= 0; from--) {
      var tail = all.tail(from);
      var expected = new StringBuilder();
      for (int n = from; n < 100; n++) {
        expected.append("notice ").append(n).append('\n');
      }
      assertEquals(expected.toString(), text(tail.encodedAs(WireFormat.JSON, encoder)));
      assertEquals(100 - from, tail.frames().size());
    }
    assertEquals(100, encoded.size());
  }

  @Test
  void aTailOfATailStartsWhereBothSay() {
    var all = SharedFrames.of(notices(10));

    var tail = all.tail(3).tail(4);

    assertEquals("notice 7\nnotice 8\nnotice 9\n", text(tail.encodedAs(WireFormat.IRC, encoder)));
    assertEquals(
        "notice 7\nnotice 8\nnotice 9\n", text(all.tail(7).encodedAs(WireFormat.IRC, encoder)));
  }

  @Test
  void eachFormatIsEncodedOnItsOwn() {
    var all = SharedFrames.of(notices(3));

    all.tail(1).encodedAs(WireFormat.JSON, encoder);
    all.encodedAs(WireFormat.JSON, encoder);
    all.tail(2).encodedAs(WireFormat.IRC, encoder);

    assertEquals(6, encoded.size());
  }

  @Test
  void joinedFramesReuseTheirPartsAndTheirTails() {
    var first = SharedFrames.of(notices(2));
    var second = SharedFrames.of(new ServerFrame.Notice("last", null));
    first.encodedAs(WireFormat.JSON, encoder);

    var joined = SharedFrames.joined(List.of(first.tail(1), second));

    assertEquals("notice 1\nlast\n", text(joined.encodedAs(WireFormat.JSON, encoder)));
    assertEquals("last\n", text(joined.tail(1).encodedAs(WireFormat.JSON, encoder)));
    assertEquals(3, encoded.size());
  }
}
