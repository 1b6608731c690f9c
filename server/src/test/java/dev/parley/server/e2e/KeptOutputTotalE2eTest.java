package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What all readers keep waiting has a bound of its own, {@code max-total-kept-output}: a reader
 * past it is cut off even where its own {@code max-kept-output} would let it keep far more, and the
 * others go on as before.
 */
@ExtendWith(LogCapturingExtension.class)
class KeptOutputTotalE2eTest {

  // some 80 MB: far past the kernel's buffers and the server's bound, and far short of the reader's
  private static final int MESSAGES = 20_000;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-total-kept-output");

  @Test
  void cutsOffAReaderPastTheBoundOfAllReadersAndServesTheOthers() {
    String room = Names.room("total");
    String reading = Names.nick("stalled");
    try (var sender = RawClient.login(server.address(), Names.nick("sender"));
        var reader = RawClient.login(server.address(), reading, UntilCutOff.SMALL_RECEIVE_BUFFER);
        var bystander = RawClient.login(server.address(), Names.nick("bystander"))) {
      Rooms.enter(room, sender, bystander, reader);

      var left = UntilCutOff.sendDirectMessages(sender, reading, MESSAGES);
      assertTrue(left != null, "the reader was never cut off");
      assertEquals(DepartureReason.SLOW_CONSUMER, left.reason());
      reader.drop();

      bystander.expect(
          ServerFrame.MemberLeft.class,
          gone -> gone.nick().equals(reading) && gone.reason() == DepartureReason.SLOW_CONSUMER,
          "the stalled reader gone");
      bystander.sendFrame("say", "room", room, "text", "still here");
      bystander.expect(
          ServerFrame.Message.class,
          message -> message.text().equals("still here"),
          "its own message, stored and sent");
    }
  }
}
