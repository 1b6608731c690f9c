package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Mail leaves the store only once its client has it, told by the client's next frame after the
 * welcome: a connection that closes right after its hello leaves it for the next login.
 */
@ExtendWith(LogCapturingExtension.class)
class MailHandOverE2eTest {

  private static final String PASSWORD = "a password long enough";

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-accounts");

  private static String registered(String prefix) {
    String nick = Names.nick(prefix);
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("register", "id", 1, "password", PASSWORD);
      client.expect(ServerFrame.Ok.class);
      client.sendFrame("quit");
      client.expect(ServerFrame.Bye.class);
    }
    return nick;
  }

  private static RawClient helloAs(String nick) {
    var client = RawClient.connect(server.address());
    client.sendFrame("hello", "nick", nick, "password", PASSWORD);
    client.expect(ServerFrame.Welcome.class);
    return client;
  }

  @Test
  void mailToAConnectionThatClosesRightAfterItsHelloIsGivenAgainAtTheNextLogin() {
    String alice = registered("alice");
    try (var bob = RawClient.login(server.address(), Names.nick("bob"))) {
      bob.sendFrame("dm", "to", alice, "text", "are you there?");
      var stored = bob.expect(ServerFrame.Direct.class);
      assertEquals(Boolean.TRUE, stored.stored());
    }

    try (var gone = helloAs(alice)) {
      assertEquals("are you there?", gone.expect(ServerFrame.Direct.class).text());
      // closed before it says anything more: it may never have read its mail
      gone.drop();
    }

    try (var back = helloAs(alice)) {
      var again = back.expect(ServerFrame.Direct.class);
      assertEquals("are you there?", again.text());
      assertEquals(Boolean.TRUE, again.offline());
      back.expect(ServerFrame.Joined.class);
      back.sendFrame("ping", "id", 1);
      back.expectPong(FrameId.of(1));
    }

    // told that the client has it, the store gives it no more
    try (var later = helloAs(alice)) {
      assertEquals("lobby", later.expect(ServerFrame.Joined.class).room());
    }
  }
}
