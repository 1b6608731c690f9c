package dev.parley.server.e2e;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** TLS connections count against the connection limits, and a refusal's bye gets through TLS. */
@ExtendWith(LogCapturingExtension.class)
class TlsLimitsE2eTest {

  @RegisterExtension
  static final RunningServer server = new RunningServer("e2e-tls-two-connections");

  @Test
  void aTlsConnectionBeyondTheLimitIsToldByeServerFull() {
    var tls = TestCertificates.trusting(server.certificate().certificate());
    try (var plain = RawClient.connect(server.address());
        var secure = RawClient.connectTls(server.tlsAddress(), tls)) {
      plain.sendFrame("ping", "id", 1);
      plain.expectPong(FrameId.of(1));
      secure.sendFrame("ping", "id", 2);
      secure.expectPong(FrameId.of(2));
      try (var third = RawClient.connectTls(server.tlsAddress(), tls)) {
        third.expectBye(DepartureReason.SERVER_FULL);
        third.expectClosed();
      }
    }
  }
}
