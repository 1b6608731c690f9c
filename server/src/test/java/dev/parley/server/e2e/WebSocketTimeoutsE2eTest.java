package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A WebSocket connection has the hello and idle timeouts of a TCP one. */
@ExtendWith(LogCapturingExtension.class)
class WebSocketTimeoutsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-short-timeouts");

  @Test
  void aWebSocketThatSaysNoHelloIsToldByeHelloTimeout() {
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      var bye = web.expect(ServerFrame.Bye.class);
      assertEquals(DepartureReason.HELLO_TIMEOUT, bye.reason());
      web.expectClosed();
    }
  }

  @Test
  void aWebSocketThatFallsSilentIsToldByeIdleTimeout() {
    try (var web = WebSocketClient.login(server.httpAddress(), Names.nick("silent"))) {
      var bye = web.expect(ServerFrame.Bye.class);
      assertEquals(DepartureReason.IDLE_TIMEOUT, bye.reason());
      web.expectClosed();
    }
  }
}
