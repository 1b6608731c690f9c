package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat and the web client over TLS, with the certificate the server made at start. */
@ExtendWith(LogCapturingExtension.class)
class TlsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-tls");

  private static SSLContext trustingTheServer() {
    return TestCertificates.trusting(server.certificate().certificate());
  }

  @Test
  void theChatOverTlsIsTheChatOverCleartext() {
    String room = Names.room("tls");
    try (var secure = RawClient.connectTls(server.tlsAddress(), trustingTheServer());
        var plain = RawClient.login(server.address(), Names.nick("plain"))) {
      String nick = Names.nick("secure");
      secure.sendFrame("hello", "nick", nick);
      secure.expect(ServerFrame.Welcome.class);
      secure.expect(ServerFrame.Joined.class);
      secure.sendFrame("create", "room", room);
      secure.expect(ServerFrame.Joined.class);
      plain.sendFrame("join", "room", room);
      plain.expect(ServerFrame.Joined.class);
      secure.expect(ServerFrame.MemberJoined.class, joined -> joined.room().equals(room), room);

      secure.sendFrame("say", "room", room, "text", "over TLS", "id", 1);
      secure.expect(ServerFrame.Message.class, message -> FrameId.of(1).equals(message.re()), "");
      var heard = plain.expect(ServerFrame.Message.class);
      assertEquals(List.of(nick, "over TLS"), List.of(heard.from(), heard.text()));
    }
  }

  @Test
  void aHandshakeIsTls13OrTls12AndNothingOlder() throws NoSuchAlgorithmException {
    try (var client = RawClient.connectTls(server.tlsAddress(), trustingTheServer())) {
      assertEquals("TLSv1.3", client.tlsProtocol());
    }
    try (var client = RawClient.connectTls(server.tlsAddress(), trustingTheServer(), "TLSv1.2")) {
      assertEquals("TLSv1.2", client.tlsProtocol());
    }
    var old =
        assertThrows(
            UncheckedIOException.class,
            () -> RawClient.connectTls(server.tlsAddress(), trustingTheServer(), "TLSv1.1"));
    assertTrue(
        old.getCause() instanceof javax.net.ssl.SSLException, String.valueOf(old.getCause()));
  }

  @Test
  void aQuitOverTlsIsAnsweredByeAndTheConnectionCloses() {
    try (var client = RawClient.connectTls(server.tlsAddress(), trustingTheServer())) {
      client.sendFrame("hello", "nick", Names.nick("leaving"));
      client.expect(ServerFrame.Welcome.class);
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("quit", "id", 3);
      client.expectBye(DepartureReason.QUIT);
      client.expectClosed();
    }
  }

  @Test
  void aClientThatDoesNotTrustTheCertificateCannotConnect() throws NoSuchAlgorithmException {
    var refused =
        assertThrows(
            UncheckedIOException.class,
            () -> RawClient.connectTls(server.tlsAddress(), SSLContext.getDefault()));
    assertTrue(refused.getCause() instanceof SSLHandshakeException, String.valueOf(refused));
  }

  @Test
  void theWebClientAndItsWebSocketComeOverHttps() throws Exception {
    InetSocketAddress https = server.httpsAddress();
    var client = HttpClient.newBuilder().sslContext(trustingTheServer()).build();
    var page =
        client.send(
            HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + https.getPort() + "/"))
                .timeout(RawClient.TIMEOUT)
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Content-Security-Policy").isPresent());

    String ownOrigin = "https://127.0.0.1:" + https.getPort();
    try (var web =
        WebSocketClient.connectSecure(https, trustingTheServer(), Optional.of(ownOrigin))) {
      web.send("{\"type\":\"hello\",\"nick\":\"" + Names.nick("wss") + "\"}");
      web.expect(ServerFrame.Welcome.class);
    }
    // the cleartext page's origin is another one
    var foreign =
        assertThrows(
            IllegalStateException.class,
            () ->
                WebSocketClient.connectSecure(
                    https,
                    trustingTheServer(),
                    Optional.of("http://127.0.0.1:" + https.getPort())));
    assertTrue(
        foreign.getCause() instanceof java.net.http.WebSocketHandshakeException refused
            && refused.getResponse().statusCode() == 403,
        String.valueOf(foreign.getCause()));
  }

  @Test
  void metricsCountTlsConnectionsApart() throws IOException {
    try (var secure = RawClient.connectTls(server.tlsAddress(), trustingTheServer())) {
      secure.sendFrame("ping", "id", 2);
      secure.expectPong(FrameId.of(2));
      String metrics = OperationsE2eTest.get(server.adminAddress(), "/metrics").body();
      assertTrue(metrics.contains("parley_connections_open{door=\"tls\"} 1.0"), metrics);
    }
  }
}
