package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.connection.Fingerprint;
import java.nio.file.Path;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A server whose certificate, from PEM files, is for another host than the one connected to. */
@ExtendWith(LogCapturingExtension.class)
class TlsHostCheckTest {

  private static final String OTHER_HOST = "elsewhere.test";
  private static final TestCertificates.KeyAndCertificate ELSEWHERE =
      TestCertificates.selfSignedFor(OTHER_HOST);

  // the default TempDirectory extension fills it before the server's extension starts the server
  @TempDir static Path dir;

  @RegisterExtension
  static final RunningServer server = new RunningServer(TlsHostCheckTest::serverConfig);

  private static Config serverConfig() {
    Path chain =
        TestCertificates.writeCertificate(dir.resolve("fullchain.pem"), ELSEWHERE.certificate());
    Path key = TestCertificates.writePrivateKey(dir.resolve("privkey.pem"), ELSEWHERE.key());
    return ConfigFactory.parseMap(
            Map.of(
                "parley.tls.self-signed", false,
                "parley.tls.certificate-chain", chain.toString(),
                "parley.tls.private-key", key.toString()))
        .withFallback(ConfigFactory.load("tls-test.conf"));
  }

  private static String fingerprint() {
    return Fingerprint.of(ELSEWHERE.certificate()).hex();
  }

  @Test
  void aCertificateForAnotherHostIsRefusedNamingBothHosts() {
    ClientRun run =
        ClientRun.of(
            "/rooms\n",
            "--port",
            String.valueOf(server.tlsAddress().getPort()),
            "--ca",
            dir.resolve("fullchain.pem").toString(),
            "--nick",
            "host1");
    assertEquals(1, run.status(), run.out());
    assertTrue(
        run.err()
            .contains(
                "!! the server's certificate is for "
                    + OTHER_HOST
                    + ", not for 127.0.0.1 (SHA-256 "
                    + fingerprint()
                    + "): connect to one of those names with --host, or, if you trust it"),
        run.err());
  }

  @Test
  void aPinDoesNotCheckTheHost() {
    ClientRun run =
        ClientRun.of(
            "/rooms\n/quit\n",
            "--port",
            String.valueOf(server.tlsAddress().getPort()),
            "--tls-fingerprint",
            fingerprint(),
            "--nick",
            "host2");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("-- connected to parley as host2"), run.out());
  }
}
