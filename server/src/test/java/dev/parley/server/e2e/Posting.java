package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;

/** Posts numbered messages into a room, several frames in flight at a time. */
final class Posting {

  private static final int IN_FLIGHT = 25;

  private Posting() {}

  /** The text of the {@code n}th message a test posts into a fresh room: its seq is {@code n}. */
  static String text(long n) {
    return "message " + n;
  }

  /**
   * Posts {@code text(1)} to {@code text(count)} into a fresh room and takes their echoes, which
   * must come back in order with seqs 1 to {@code count}.
   */
  static void post(RawClient client, String room, int count) {
    List<ServerFrame.Message> echoes = post(client, room, 1, count, Posting::text);
    for (int i = 0; i < count; i++) {
      assertEquals(i + 1, echoes.get(i).seq(), "seq of " + echoes.get(i).text());
    }
  }

  interface Text {
    String of(long n);
  }

  /** Posts {@code text.of(first)} to {@code text.of(first + count - 1)}; their echoes. */
  static List<ServerFrame.Message> post(
      RawClient client, String room, long first, int count, Text text) {
    var echoes = new ArrayList<ServerFrame.Message>(count);
    long end = first + count;
    long sent = first;
    long taken = first;
    while (taken < end) {
      while (sent < end && sent - taken < IN_FLIGHT) {
        client.sendFrame("say", "id", sent, "room", room, "text", text.of(sent));
        sent++;
      }
      long n = taken;
      var echo =
          client.expect(
              ServerFrame.Message.class, m -> FrameId.of(n).equals(m.re()), "echo of " + n);
      assertEquals(text.of(n), echo.text());
      echoes.add(echo);
      taken++;
    }
    return echoes;
  }
}
