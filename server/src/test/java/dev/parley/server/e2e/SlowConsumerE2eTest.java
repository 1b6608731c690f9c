package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A reader that takes nothing of its output for the stall timeout is cut off. */
@ExtendWith(LogCapturingExtension.class)
class SlowConsumerE2eTest {

  // posted until the reader is cut off: the kernel buffers between the server and a stalled
  // reader take some megabytes, and most messages are dropped for it before they get there
  private static final int MESSAGES = 100_000;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-short-stall");

  @Test
  void cutsOffAStalledReaderAndTellsItsRoomsSlowConsumer() {
    String room = Names.room("stall");
    String stalled = Names.nick("stalled");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var reader = RawClient.login(server.address(), stalled, UntilCutOff.SMALL_RECEIVE_BUFFER)) {
      Rooms.enter(room, poster, reader);

      String say = poster.frame("say", "room", room, "text", "x".repeat(UntilCutOff.TEXT_CHARS));
      var left = UntilCutOff.send(poster, say, ServerFrame.Message.class::isInstance, MESSAGES);
      if (left == null) {
        left = poster.expect(ServerFrame.MemberLeft.class);
      }

      assertEquals(room, left.room());
      assertEquals(stalled, left.nick());
      assertEquals(DepartureReason.SLOW_CONSUMER, left.reason());
      reader.drop();
    }
  }
}
