package dev.parley.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerLineScannerTest {

  private static final FrameCodec CODEC = new FrameCodec();
  private static final Instant TS = Instant.parse("2026-11-22T12:00:00.123Z");

  private final ServerLineScanner scanner = new ServerLineScanner();

  @Test
  void readsTheSendTimeBackFromAMessageOfWhatASenderWrote() {
    var buffer = ByteBuffer.allocate(512);
    new SayWriter("room0", 48).write(buffer, 7, 1_234_567_890L);
    String sayLine = new String(buffer.array(), 0, buffer.position() - 1);
    var say = (ClientFrame.Say) CODEC.decodeClientFrame(sayLine);
    assertEquals(48, say.text().length());

    byte[] delivered = line(new ServerFrame.Message(null, "room0", 1, "u0", say.text(), TS, null));

    assertEquals(ServerLineScanner.Kind.DELIVERY, scan(delivered));
    assertEquals(1_234_567_890L, scanner.sentAt());
  }

  @Test
  void tellsTheSendersEchoByItsRe() {
    byte[] echo =
        line(
            new ServerFrame.Message(
                FrameId.of(7), "room0", 1, "u0", "0000000000000000042 x", TS, null));

    assertEquals(ServerLineScanner.Kind.ECHO, scan(echo));
    assertEquals(42, scanner.sentAt());
  }

  @Test
  void setsReplayedMessagesApart() {
    byte[] replayed =
        line(new ServerFrame.Message(null, "room0", 1, "u0", "0000000000000000042 x", TS, true));

    assertEquals(ServerLineScanner.Kind.REPLAYED, scan(replayed));
  }

  @Test
  void tellsTheFramesOfASession() {
    assertEquals(
        ServerLineScanner.Kind.WELCOME,
        scan(line(new ServerFrame.Welcome(null, "u0", 1, "parley", "hi"))));
    assertEquals(
        ServerLineScanner.Kind.JOINED,
        scan(line(new ServerFrame.Joined(null, "room0", null, List.of("u0"), 0))));
    assertEquals(ServerLineScanner.Kind.GAP, scan(line(new ServerFrame.Gap("room0", 3, 9))));
    assertEquals(
        ServerLineScanner.Kind.OTHER, scan(line(new ServerFrame.MemberJoined("room0", "u1", TS))));
    assertEquals(ServerLineScanner.Kind.OTHER, scan("not json".getBytes()));
    assertEquals(ServerLineScanner.Kind.OTHER, scan("{\"type\":\"message\"}".getBytes()));
  }

  private ServerLineScanner.Kind scan(byte[] line) {
    return scanner.scan(line, 0, line.length);
  }

  // as the generator sees a line: without its newline
  private static byte[] line(ServerFrame frame) {
    byte[] encoded = CODEC.encode(frame);
    return Arrays.copyOf(encoded, encoded.length - 1);
  }
}
