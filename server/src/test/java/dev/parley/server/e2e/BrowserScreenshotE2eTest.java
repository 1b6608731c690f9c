package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The web client in use, a couple of rooms with people talking, as a picture for the docs. With
 * {@code -Dparley.screenshot} the test writes it to {@code docs/web-client.png}; without, it only
 * takes it, so that an ordinary build leaves the committed picture alone.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.BrowserSession#available",
    disabledReason = BrowserSession.MISSING)
class BrowserScreenshotE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  private static final Path PICTURE = Path.of("..", "docs", "web-client.png");
  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G'};

  @Test
  void picturesTheClientInUse() throws IOException {
    try (var bob = RawClient.login(server.address(), "bob");
        var carol = RawClient.login(server.address(), "carol");
        var dave = RawClient.login(server.address(), "dave")) {
      bob.sendFrame(
          "create",
          "room",
          "design",
          "topic",
          "Colours, type and the dark theme. Notes: https://parley.dev/design");
      bob.expect(ServerFrame.Joined.class);
      carol.sendFrame("join", "room", "design");
      carol.expect(ServerFrame.Joined.class);
      bob.expect(ServerFrame.MemberJoined.class);
      say(bob, "design", "Morning! I pushed the new colour tokens, have a look when you can.");
      say(bob, "design", "Both themes follow the system setting now.");
      say(carol, "design", "Looks great. The sidebar reads much better in dark mode.");
      say(bob, "design", "Next up: the members pane on phones, sliding in from the right.");
      carol.sendFrame("create", "room", "coffee", "topic", "Flat whites and other urgent matters");
      skipTo(carol, ServerFrame.Joined.class);

      try (var alice = BrowserSession.open(server.httpAddress()).logIn("alice")) {
        alice.send("/join coffee");
        alice.waitForConversation("#coffee");
        alice.send("/join design");
        alice.waitForConversation("#design");
        alice.waitForMember("carol", true);
        say(carol, "design", "alice, could you check it on your phone before lunch?");
        alice.waitForMessage("design", "alice, could you check it on your phone before lunch?");
        alice.say("On it. First look: crisp, and Escape closes the panels as it should.");
        dave.sendFrame("join", "room", "design");
        skipTo(dave, ServerFrame.Joined.class);
        alice.waitForLine("dave joined");
        say(bob, "design", "Welcome, dave! The preview is up at https://parley.dev/preview");
        String reply = "Thanks. Reading it on the train:\nthe phone layout feels right.";
        say(dave, "design", reply);
        alice.waitForMessage("design", reply);
        say(carol, "coffee", "Anyone up for a flat white at 11?");
        carol.sendFrame("dm", "to", "alice", "text", "Thanks for the quick review!");
        alice.waitFor(d -> "1".equals(alice.unread("#room-list [data-room='coffee']")));
        alice.waitFor(d -> "1".equals(alice.unread("#dm-list [data-peer='carol']")));
        assertEquals(List.of("alice", "bob", "carol", "dave"), alice.members());

        byte[] picture = alice.screenshot();
        assertArrayEquals(PNG_SIGNATURE, Arrays.copyOf(picture, PNG_SIGNATURE.length));
        if (System.getProperty("parley.screenshot") != null) {
          Files.write(PICTURE, picture);
        }
      }
    }
  }

  private static void say(RawClient client, String room, String text) {
    client.sendFrame("say", "id", "s", "room", room, "text", text);
    while (!(skipTo(client, ServerFrame.Message.class).re() != null)) {
      // on to the echo
    }
  }

  // what else comes meanwhile (others joining, their messages) is not what this picture is about
  private static <T extends ServerFrame> T skipTo(RawClient client, Class<T> type) {
    while (true) {
      ServerFrame frame = client.next();
      if (type.isInstance(frame)) {
        return type.cast(frame);
      }
    }
  }
}
