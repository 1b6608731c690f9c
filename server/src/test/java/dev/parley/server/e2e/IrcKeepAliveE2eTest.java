package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The server's PING to a quiet IRC client, which a PONG answers: 2 s of idle timeout here. */
@ExtendWith(LogCapturingExtension.class)
class IrcKeepAliveE2eTest {

  // more pings than fit in one idle timeout
  private static final int PINGS = 3;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-irc-keep-alive");

  @Test
  void pingsAQuietClientAndKeepsItWhileItAnswersPong() {
    try (var client = IrcTestClient.connect(server.ircAddress()).register(Names.nick("pong"))) {
      for (int i = 0; i < PINGS; i++) {
        var ping = client.expect("PING");
        assertEquals(List.of("parley"), ping.params());
        client.send("PONG :" + ping.params().get(0));
      }

      client.send("PING :still here");
      assertEquals("still here", client.expect("PONG").params().get(1));
    }
  }

  @Test
  void closesAClientThatDoesNotAnswerItsPingWithPingTimeout() {
    try (var client = IrcTestClient.connect(server.ircAddress()).register(Names.nick("mute"))) {
      client.expect("PING");

      assertTrue(client.expect("ERROR").params().get(0).contains("Ping timeout"));
      client.expectClosed();
    }
  }
}
