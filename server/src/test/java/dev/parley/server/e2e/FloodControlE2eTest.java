package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.FrameId;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Flood control with the default burst and rate: it slows a fast sender, it drops nothing. */
@ExtendWith(LogCapturingExtension.class)
class FloodControlE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @Test
  void answersEveryPingOfABurstBeyondTheFloodLimitInOrder() {
    try (var client = RawClient.login(server.address(), Names.nick("burst"))) {
      var burst = new StringBuilder();
      for (int id = 1; id <= 30; id++) {
        burst.append(client.frame("ping", "id", id)).append('\n');
      }
      long sentAt = System.nanoTime();
      client.sendBytes(burst.toString().getBytes(UTF_8));

      for (int id = 1; id <= 30; id++) {
        client.expectPong(FrameId.of(id));
      }
      // a burst of 10, then 5 a second: the last 20 pings cannot all be read in under 4 s
      Duration took = Duration.ofNanos(System.nanoTime() - sentAt);
      assertTrue(
          took.compareTo(Duration.ofSeconds(3)) >= 0, "30 pings answered in " + took.toMillis());
    }
  }
}
