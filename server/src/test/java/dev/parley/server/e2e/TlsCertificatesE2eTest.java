package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigUtil;
import dev.parley.protocol.FrameId;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLContext;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** Certificates from PEM files: read at start, refused there when broken, reloaded when renewed. */
@ExtendWith(LogCapturingExtension.class)
class TlsCertificatesE2eTest {

  @TempDir Path directory;

  private ParleyServer start(TestCertificates.Pem pem) {
    return ParleyServer.start(
        ConfigFactory.parseString(
                String.join(
                    "\n",
                    "parley.tls.self-signed = false",
                    "parley.tls.certificate-chain = "
                        + ConfigUtil.quoteString(pem.chain().toString()),
                    "parley.tls.private-key = " + ConfigUtil.quoteString(pem.key().toString()),
                    "parley.tls.reload-check-interval = 100ms"))
            .withFallback(ConfigFactory.load("e2e-tls")));
  }

  @Test
  void newConnectionsGetARenewedCertificateAndOpenOnesKeepTheirs() {
    var first = TestCertificates.write(directory, "first");
    var renewed = TestCertificates.write(directory, "renewed");
    // a client that trusts either, as it would trust both of a CA's
    SSLContext trustingBoth = TestCertificates.trusting(first.certificate(), renewed.certificate());
    try (var server = start(first);
        var open = RawClient.connectTls(server.tlsAddress().orElseThrow(), trustingBoth)) {
      assertEquals(first.certificate(), open.peerCertificate());

      first.replaceWith(renewed);

      X509Certificate seen = first.certificate();
      long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
      while (seen.equals(first.certificate()) && System.nanoTime() < deadline) {
        try (var later = RawClient.connectTls(server.tlsAddress().orElseThrow(), trustingBoth)) {
          seen = later.peerCertificate();
        }
      }
      assertEquals(renewed.certificate(), seen, "a new connection after the renewal");
      open.sendFrame("ping", "id", 1);
      open.expectPong(FrameId.of(1));
      assertEquals(first.certificate(), open.peerCertificate(), "the open connection");
    }
  }

  @Test
  void brokenRenewedFilesLeaveTheCertificateInForce() throws IOException {
    var first = TestCertificates.write(directory, "first");
    SSLContext trusting = TestCertificates.trusting(first.certificate());
    try (var server = start(first)) {
      Files.writeString(first.chain(), "not a certificate");
      String fingerprint = server.certificate().orElseThrow().fingerprint();
      // a connection after several checks still gets the first certificate
      for (int i = 0; i < 5; i++) {
        try (var later = RawClient.connectTls(server.tlsAddress().orElseThrow(), trusting)) {
          assertEquals(first.certificate(), later.peerCertificate());
        }
      }
      assertEquals(fingerprint, server.certificate().orElseThrow().fingerprint());
    }
  }

  @Test
  void aMissingCertificateFileIsRefusedAtStartNamingIt() {
    var pem = TestCertificates.write(directory, "missing");
    Path gone = directory.resolve("no-such-fullchain.pem");
    var refused =
        assertThrows(
            IllegalStateException.class,
            () -> start(new TestCertificates.Pem(gone, pem.key(), pem.certificate())));
    assertTrue(refused.getMessage().contains(gone.toString()), refused.getMessage());
  }

  @Test
  void aBrokenKeyFileIsRefusedAtStartNamingIt() throws IOException {
    var pem = TestCertificates.write(directory, "broken");
    Files.writeString(
        pem.key(), "-----BEGIN PRIVATE KEY-----\nnot base64 at all\n-----END PRIVATE KEY-----\n");
    var refused = assertThrows(IllegalStateException.class, () -> start(pem));
    assertTrue(refused.getMessage().contains(pem.key().toString()), refused.getMessage());
  }

  @Test
  void aKeyOfAnotherCertificateIsRefusedAtStartNamingBoth() {
    var one = TestCertificates.write(directory, "one");
    var other = TestCertificates.write(directory, "other");
    var refused =
        assertThrows(
            IllegalStateException.class,
            () -> start(new TestCertificates.Pem(one.chain(), other.key(), one.certificate())));
    assertTrue(refused.getMessage().contains(other.key().toString()), refused.getMessage());
    assertTrue(refused.getMessage().contains(one.chain().toString()), refused.getMessage());
    assertNotEquals(one.certificate(), other.certificate());
  }
}
