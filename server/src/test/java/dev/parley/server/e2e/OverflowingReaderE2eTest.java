package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
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

  private static final int TEXT_CHARS = 4000;
  private static final int SMALL_RECEIVE_BUFFER = 4096;
  // sent until the reader is cut off: the kernel buffers between the server and a reader that
  // takes nothing hold some megabytes first, and this is some 80
  private static final int MESSAGES = 20_000;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-kept-output");

  @Test
  void cutsOffAReaderWhoseDirectMessagesPileUpAndTellsItsRoomsSlowConsumer() {
    String room = Names.room("pileup");
    String reading = Names.nick("reading");
    try (var sender = RawClient.login(server.address(), Names.nick("sender"));
        var reader = RawClient.login(server.address(), reading, SMALL_RECEIVE_BUFFER)) {
      Rooms.enter(room, sender, reader);

      String dm = sender.frame("dm", "to", reading, "text", "x".repeat(TEXT_CHARS));
      var left =
          UntilCutOff.send(
              sender,
              dm,
              // an error once the reader is gone, before its rooms are told
              frame ->
                  frame instanceof ServerFrame.Direct
                      || (frame instanceof ServerFrame.Error error
                          && error.code() == ErrorCode.NO_SUCH_USER),
              MESSAGES);
      assertTrue(left != null, "the reader was never cut off");
      assertEquals(room, left.room());
      assertEquals(reading, left.nick());
      assertEquals(DepartureReason.SLOW_CONSUMER, left.reason());
      reader.drop();
    }
  }
}
