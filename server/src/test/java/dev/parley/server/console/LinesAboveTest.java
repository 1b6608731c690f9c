package dev.parley.server.console;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How text written to the console's stream reaches the line editor: one whole line at a time. */
class LinesAboveTest {

  private final List<String> printed = new ArrayList<>();
  private final LinesAbove stream = new LinesAbove(printed::add);

  @Test
  void handsOverEachLineOnceItsNewlineComes() {
    write("12:00 INFO first\n12:01 INFO sec");
    assertEquals(List.of("12:00 INFO first"), printed);
    write("ond\r\n");
    assertEquals(List.of("12:00 INFO first", "12:01 INFO second"), printed);
  }

  private void write(String text) {
    byte[] bytes = text.getBytes(UTF_8);
    stream.write(bytes, 0, bytes.length);
  }

  @Test
  void keepsACharacterWhoseBytesComeInTwoWrites() {
    byte[] line = "café\n".getBytes(UTF_8);
    int middleOfE = line.length - 2;
    stream.write(Arrays.copyOfRange(line, 0, middleOfE), 0, middleOfE);
    stream.write(Arrays.copyOfRange(line, middleOfE, line.length), 0, line.length - middleOfE);
    assertEquals(List.of("café"), printed);
  }
}
