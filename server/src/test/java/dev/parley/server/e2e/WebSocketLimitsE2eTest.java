package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** WebSocket and TCP connections count together against the connection limits. */
@ExtendWith(LogCapturingExtension.class)
class WebSocketLimitsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-two-per-address");

  @Test
  void tcpAndWebSocketConnectionsCountTogetherAgainstAnAddressesCap() {
    try (var tcp = RawClient.login(server.address(), Names.nick("tcp"));
        var web = WebSocketClient.login(server.httpAddress(), Names.nick("web"));
        var third = WebSocketClient.connect(server.httpAddress())) {
      var bye = third.expect(ServerFrame.Bye.class);
      assertEquals(DepartureReason.SERVER_FULL, bye.reason());
      third.expectClosed();
    }
  }

  @Test
  void aWebSocketThatClosesGivesItsPlaceBack() {
    for (int i = 0; i < 3; i++) {
      try (var web = WebSocketClient.login(server.httpAddress(), Names.nick("again"));
          var other = WebSocketClient.login(server.httpAddress(), Names.nick("other"))) {
        web.send("{\"type\":\"quit\"}");
        web.expect(ServerFrame.Bye.class);
        other.send("{\"type\":\"quit\"}");
        other.expect(ServerFrame.Bye.class);
        web.expectClosed();
        other.expectClosed();
      }
    }
  }
}
