package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IRC door with a server password (parley.irc.password), which every client sends as PASS. */
@ExtendWith(LogCapturingExtension.class)
class IrcServerPasswordE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-irc-password");

  @Test
  void welcomesAClientThatSendsTheServerPassword() {
    String nick = Names.nick("pass");
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("PASS :open sesame").register(nick);

      assertEquals(nick, client.nick());
    }
  }

  @Test
  void refusesAWrongServerPasswordWith464AndClosesTheConnection() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("PASS :open barley").send("NICK " + Names.nick("wrong")).send("USER u 0 * :N");

      assertEquals("Password incorrect", client.expect("464").params().get(1));
      assertTrue(client.expect("ERROR").params().get(0).startsWith("Closing link"));
      client.expectClosed();
    }
  }

  @Test
  void refusesAClientWithoutPassWith464AndClosesTheConnection() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("NICK " + Names.nick("none")).send("USER u 0 * :N");

      client.expect("464");
      client.expect("ERROR");
      client.expectClosed();
    }
  }
}
