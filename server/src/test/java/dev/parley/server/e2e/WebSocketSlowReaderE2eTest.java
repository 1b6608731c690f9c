package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A page that stops reading is cut off as a TCP reader is, and the room goes on without it. */
@ExtendWith(LogCapturingExtension.class)
class WebSocketSlowReaderE2eTest {

  private static final int MESSAGES = 100_000;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-short-stall");

  @Test
  void cutsOffAStalledWebSocketReaderAndTellsItsRoomsSlowConsumer() {
    String room = Names.room("stall");
    String stalled = Names.nick("stalled");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var reader = WebSocketClient.login(server.httpAddress(), stalled)) {
      Rooms.enter(room, poster);
      reader.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
      reader.expect(ServerFrame.Joined.class);
      poster.expect(ServerFrame.MemberJoined.class);
      reader.stopReading();

      String say = poster.frame("say", "room", room, "text", "x".repeat(UntilCutOff.TEXT_CHARS));
      var left = UntilCutOff.send(poster, say, ServerFrame.Message.class::isInstance, MESSAGES);
      if (left == null) {
        left = poster.expect(ServerFrame.MemberLeft.class);
      }

      assertEquals(stalled, left.nick());
      assertEquals(DepartureReason.SLOW_CONSUMER, left.reason());
      poster.sendFrame("say", "room", room, "text", "still here");
      ServerFrame frame = poster.next();
      // the echoes of the last window of the flood come first
      while (!(frame instanceof ServerFrame.Message message
          && message.text().equals("still here"))) {
        frame = poster.next();
      }
    }
  }
}
