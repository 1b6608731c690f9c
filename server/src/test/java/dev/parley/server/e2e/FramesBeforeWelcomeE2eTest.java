package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection may send 20 frames before its welcome; one more is {@code bye flood}. */
@ExtendWith(LogCapturingExtension.class)
class FramesBeforeWelcomeE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  @Test
  void welcomesAHelloThatIsTheTwentiethFrame() {
    try (var client = RawClient.connect(server.address())) {
      for (int id = 1; id <= 18; id++) {
        client.sendFrame("ping", "id", id);
      }
      client.sendFrame("rooms", "id", 19);
      client.sendFrame("hello", "id", 20, "nick", Names.nick("patient"));

      for (int id = 1; id <= 18; id++) {
        client.expectPong(FrameId.of(id));
      }
      client.expectError(ErrorCode.NOT_LOGGED_IN, FrameId.of(19));
      client.expect(ServerFrame.Welcome.class);
    }
  }

  @Test
  void saysByeFloodToTheTwentyFirstFrameBeforeTheWelcome() {
    try (var client = RawClient.connect(server.address())) {
      for (int id = 1; id <= 21; id++) {
        client.sendFrame("ping", "id", id);
      }

      for (int id = 1; id <= 20; id++) {
        client.expectPong(FrameId.of(id));
      }
      client.expectBye(DepartureReason.FLOOD);
    }
  }

  @Test
  void saysByeFloodWithoutReToAQuitThatIsOneFrameTooMany() {
    try (var client = RawClient.connect(server.address())) {
      for (int id = 1; id <= 20; id++) {
        client.sendFrame("ping", "id", id);
      }
      client.sendFrame("quit", "id", 21);

      for (int id = 1; id <= 20; id++) {
        client.expectPong(FrameId.of(id));
      }
      client.expectBye(DepartureReason.FLOOD);
      assertFalse(client.lastLine().contains("\"re\""), client.lastLine());
    }
  }

  @Test
  void countsBadFramesBeforeTheWelcomeTowardsTheFloodLimit() {
    try (var client = RawClient.connect(server.address())) {
      for (int id = 1; id <= 20; id++) {
        client.sendFrame(id % 2 == 0 ? "ping" : "join", "id", id, "room", "lobby");
      }
      client.sendFrame("hello", "id", 21, "nick", Names.nick("toolate"));

      for (int id = 1; id <= 20; id++) {
        if (id % 2 == 0) {
          client.expectPong(FrameId.of(id));
        } else {
          client.expectError(ErrorCode.NOT_LOGGED_IN, FrameId.of(id));
        }
      }
      client.expectBye(DepartureReason.FLOOD);
    }
  }
}
