package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.FrameId;
import dev.parley.server.ParleyServer;
import java.net.InetSocketAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Flood control with the default burst and rate: it slows a fast sender, it drops nothing. */
@ExtendWith(LogCapturingExtension.class)
class FloodControlE2eTest {

  private static ParleyServer server;
  private static InetSocketAddress address;

  @BeforeAll
  static void startServer() {
    server = ParleyServer.start(ConfigFactory.load("application-test"));
    address = server.address();
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void answersEveryPingOfABurstBeyondTheFloodLimitInOrder() {
    try (var client = RawClient.login(address, Names.nick("burst"))) {
      var burst = new StringBuilder();
      for (int id = 1; id <= 30; id++) {
        burst.append(client.frame("ping", "id", id)).append('\n');
      }
      client.sendBytes(burst.toString().getBytes(UTF_8));

      for (int id = 1; id <= 30; id++) {
        client.expectPong(FrameId.of(id));
      }
    }
  }
}
