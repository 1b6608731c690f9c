package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A password travels only over TLS from an address that does not count as local: here none does, so
 * loopback stands for a client across a network.
 */
@ExtendWith(LogCapturingExtension.class)
class TlsPasswordsE2eTest {

  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-tls-nothing-local");

  @Test
  void aHelloWithAPasswordInCleartextIsRefusedNamingTheTlsPort() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 1, "nick", Names.nick("remote"), "password", PASSWORD);
      var error = client.expectError(ErrorCode.TLS_REQUIRED, FrameId.of(1));
      String port = String.valueOf(server.settings().tls().port());
      assertTrue(error.message().contains("port " + port), error.message());

      // nothing else changed: a guest may still come in over cleartext
      client.sendFrame("hello", "nick", Names.nick("guest"));
      client.expect(ServerFrame.Welcome.class);
    }
  }

  @Test
  void registeringInCleartextIsRefused() {
    try (var client = RawClient.login(server.address(), Names.nick("guest"))) {
      client.sendFrame("register", "id", 2, "password", PASSWORD);
      client.expectError(ErrorCode.TLS_REQUIRED, FrameId.of(2));
    }
  }

  @Test
  void overTlsAnAccountIsMadeAndLogsIn() {
    String nick = Names.nick("secure");
    var tls = TestCertificates.trusting(server.certificate().certificate());
    try (var client = RawClient.connectTls(server.tlsAddress(), tls)) {
      client.sendFrame("hello", "nick", nick);
      client.expect(ServerFrame.Welcome.class);
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("register", "id", 3, "password", PASSWORD);
      client.expect(ServerFrame.Ok.class, ok -> FrameId.of(3).equals(ok.re()), "re 3");
    }
    try (var client = RawClient.connectTls(server.tlsAddress(), tls)) {
      client.sendFrame("hello", "nick", nick, "password", PASSWORD);
      client.expect(ServerFrame.Welcome.class);
    }
  }

  @Test
  void overWssAPasswordIsTakenToo() {
    var tls = TestCertificates.trusting(server.certificate().certificate());
    try (var web =
        WebSocketClient.connectSecure(server.httpsAddress(), tls, java.util.Optional.empty())) {
      web.send(
          "{\"type\":\"hello\",\"id\":4,\"nick\":\""
              + Names.nick("nobody")
              + "\",\"password\":\""
              + PASSWORD
              + "\"}");
      // checked, not refused for the transport: no such account
      web.expectError(ErrorCode.AUTH_FAILED, FrameId.of(4));
    }
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.send("{\"type\":\"hello\",\"id\":5,\"nick\":\"x\",\"password\":\"" + PASSWORD + "\"}");
      web.expectError(ErrorCode.TLS_REQUIRED, FrameId.of(5));
    }
  }
}
