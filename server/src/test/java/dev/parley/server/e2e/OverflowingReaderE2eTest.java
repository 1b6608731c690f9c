package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What is never dropped for a reader, direct messages for one, still has a bound: a reader that
 * lets more of it wait than {@code max-kept-output} is cut off, long before its stall timeout.
 */
@ExtendWith(LogCapturingExtension.class)
class OverflowingReaderE2eTest {

  // sent until the reader is cut off: the kernel buffers between the server and a reader that
  // takes nothing hold some megabytes first, and this is some 80
  private static final int MESSAGES = 20_000;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-kept-output");

  @Test
  void cutsOffAReaderWhoseDirectMessagesPileUpAndTellsItsRoomsSlowConsumer() {
    String room = Names.room("pileup");
    String reading = Names.nick("reading");
    try (var sender = RawClient.login(server.address(), Names.nick("sender"));
        var reader = RawClient.login(server.address(), reading, UntilCutOff.SMALL_RECEIVE_BUFFER)) {
      Rooms.enter(room, sender, reader);

      var left = UntilCutOff.sendDirectMessages(sender, reading, MESSAGES);
      assertTrue(left != null, "the reader was never cut off");
      assertEquals(room, left.room());
      assertEquals(reading, left.nick());
      assertEquals(DepartureReason.SLOW_CONSUMER, left.reason());
      reader.drop();
    }
  }
}
