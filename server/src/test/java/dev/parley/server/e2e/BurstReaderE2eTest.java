package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reader that keeps up with its socket gets every message of a burst, however the room batches
 * them: ten senders send ten long says each at once, within flood control's burst.
 */
@ExtendWith(LogCapturingExtension.class)
class BurstReaderE2eTest {

  private static final int SENDERS = 10;
  private static final int SAYS_EACH = 10;
  private static final int TEXT_CHARS = 3900;

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @RepeatedTest(3)
  void aReaderThatKeepsUpGetsNoGapInABurst() {
    String room = Names.room("burst");
    List<RawClient> senders = new ArrayList<>();
    try (var reader = RawClient.login(server.address(), Names.nick("reader"))) {
      for (int i = 0; i < SENDERS; i++) {
        senders.add(RawClient.login(server.address(), Names.nick("sender")));
      }
      var everyone = new ArrayList<>(senders);
      everyone.add(reader);
      Rooms.enter(room, everyone.toArray(RawClient[]::new));

      String text = "x".repeat(TEXT_CHARS);
      for (RawClient sender : senders) {
        StringBuilder says = new StringBuilder();
        for (int i = 0; i < SAYS_EACH; i++) {
          says.append(sender.frame("say", "room", room, "text", text)).append('\n');
        }
        sender.sendBytes(says.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8));
      }

      int messages = 0;
      while (messages < SENDERS * SAYS_EACH) {
        ServerFrame frame = reader.next();
        if (frame instanceof ServerFrame.Gap gap) {
          fail("a reader that keeps up got " + reader.lastLine());
        }
        if (frame instanceof ServerFrame.Message message && message.room().equals(room)) {
          messages++;
        }
      }
      assertEquals(SENDERS * SAYS_EACH, messages);
    } finally {
      senders.forEach(RawClient::close);
    }
  }
}
