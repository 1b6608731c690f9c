package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import com.code_intelligence.jazzer.junit.DictionaryFile;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The codec on any line at all: a client line gives a frame that survives its own encoding, or a
 * refusal with a code, and nothing else; a server line gives a frame, null, or the refusal the
 * client expects. A plain build replays the inputs under {@code FrameCodecFuzzTestInputs}; {@code
 * scripts/fuzz.sh} fuzzes.
 */
class FrameCodecFuzzTest {

  private final FrameCodec codec = new FrameCodec();

  @DictionaryFile(resourcePath = "client-frames.dict")
  @FuzzTest
  void decodesAClientLineToAFrameThatSurvivesItsEncodingOrRefusesIt(byte[] line) {
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(ByteBuffer.wrap(line));
    } catch (BadFrameException e) {
      assertNotNull(e.code());
      return;
    }
    assertEquals(frame, reencoded(frame));
    assertEquals(frame, codec.decodeClientFrame(new String(line, StandardCharsets.UTF_8)));
  }

  @DictionaryFile(resourcePath = "client-frames.dict")
  @FuzzTest
  void decodesAClientStringToAFrameOrRefusesIt(byte[] bytes) {
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(new String(bytes, StandardCharsets.UTF_8));
    } catch (BadFrameException e) {
      assertNotNull(e.code());
      return;
    }
    assertEquals(frame, reencoded(frame));
  }

  @DictionaryFile(resourcePath = "server-frames.dict")
  @FuzzTest
  void decodesAServerLineToAFrameOrNullOrSaysItIsNone(byte[] bytes) {
    try {
      codec.decodeServerFrame(new String(bytes, StandardCharsets.UTF_8));
    } catch (IllegalArgumentException e) {
      assertNotNull(e.getMessage());
    }
  }

  private ClientFrame reencoded(ClientFrame frame) {
    byte[] encoded = codec.encode(frame);
    for (int i = 0; i < encoded.length - 1; i++) {
      assertNotEquals('\n', encoded[i], "an encoded frame must be one line");
    }
    assertEquals('\n', encoded[encoded.length - 1]);
    return codec.decodeClientFrame(ByteBuffer.wrap(encoded, 0, encoded.length - 1));
  }
}
