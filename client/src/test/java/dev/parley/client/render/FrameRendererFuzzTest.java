package dev.parley.client.render;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.regex.Pattern;
import org.jline.utils.AttributedCharSequence;
import org.jline.utils.AttributedString;

/**
 * The renderer on any frame a server could send: it never fails, and what reaches the terminal
 * holds no control character but a tab and the colours it adds itself, so that no text from the
 * server moves the cursor, clears the screen or retitles the window. A plain build replays the
 * inputs under {@code FrameRendererFuzzTestInputs}; {@code scripts/fuzz.sh} fuzzes.
 */
class FrameRendererFuzzTest {

  // the only sequences the renderer asks for: SGR colours and weights
  private static final Pattern COLOURS = Pattern.compile("\u001b\\[[0-9;]*m");

  private final FrameCodec codec = new FrameCodec();
  private final FrameRenderer renderer =
      new FrameRenderer(
          Clock.fixed(Instant.parse("2026-11-22T14:05:00Z"), ZoneId.of("Europe/Berlin")),
          "HH:mm:ss");

  @DictionaryFile(resourcePath = "server-frames.dict")
  @FuzzTest
  void rendersAnyServerFrameWithoutFailingOrAControlCharacterOfItsOwn(byte[] bytes) {
    ServerFrame frame;
    try {
      frame = codec.decodeServerFrame(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException notAFrame) {
      return;
    }
    if (frame == null) {
      return;
    }
    for (AttributedString line : renderer.render(frame, "alice")) {
      assertNoControlCharacter(line.toString());
      String ansi = line.toAnsi(256, AttributedCharSequence.ForceMode.Force256Colors);
      assertNoControlCharacter(COLOURS.matcher(ansi).replaceAll(""));
    }
  }

  private static void assertNoControlCharacter(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      assertTrue(
          c == '\t' || !Character.isISOControl(c),
          String.format("U+%04X at %d in %s", (int) c, i, text));
    }
  }
}
