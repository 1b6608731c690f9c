package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.util.Locale;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client with TLS against a real server's TLS port, through its main entry point. */
@ExtendWith(LogCapturingExtension.class)
class TlsClientTest {

  private static final Config TLS_CONFIG = ConfigFactory.load("tls-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TLS_CONFIG);

  private static String tlsPort() {
    return String.valueOf(server.tlsAddress().getPort());
  }

  private static String fingerprint() {
    return server.certificate().fingerprint();
  }

  /** What the client said on stderr, without the time in front. */
  private static String said(ClientRun run) {
    return run.err().replaceFirst("^\\[[^]]*] ", "");
  }

  @Test
  void thePinnedCertificateConnectsAndChats() {
    // as a user may copy it: lower case, no colons
    String typed = fingerprint().replace(":", "").toLowerCase(Locale.ROOT);
    ClientRun run =
        ClientRun.of(
            "hello over TLS\n/quit\n",
            "--port",
            tlsPort(),
            "--tls-fingerprint",
            typed,
            "--nick",
            "pinned1");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(
        run.out().contains("-- connecting to 127.0.0.1:" + tlsPort() + " with TLS"), run.out());
    assertTrue(run.out().contains("-- connected to parley as pinned1"), run.out());
    assertTrue(run.out().contains("#lobby <pinned1> hello over TLS"), run.out());
  }

  @Test
  void theServersCertificateAsTheCaFileConnects(@TempDir Path dir) {
    Path ca =
        TestCertificates.writeCertificate(
            dir.resolve("ca.pem"), server.certificate().certificate());
    ClientRun run =
        ClientRun.of(
            "/rooms\n/quit\n", "--port", tlsPort(), "--ca", ca.toString(), "--nick", "trusted2");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("-- connected to parley as trusted2"), run.out());
  }

  @Test
  void theCaFileTrustsTheServerByItsHostNameToo(@TempDir Path dir) {
    Path ca =
        TestCertificates.writeCertificate(
            dir.resolve("ca.pem"), server.certificate().certificate());
    ClientRun run =
        ClientRun.of(
            "/rooms\n/quit\n",
            "--host",
            "localhost",
            "--port",
            tlsPort(),
            "--ca",
            ca.toString(),
            "--nick",
            "byname3");
    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("-- connected to parley as byname3"), run.out());
  }

  @Test
  void aWrongPinIsRefusedOnceWithBothFingerprintsAndNoWelcome() {
    String real = fingerprint();
    String wrong = (real.startsWith("00") ? "11" : "00") + real.substring(2);
    ClientRun run =
        ClientRun.of(
            "/rooms\n", "--port", tlsPort(), "--tls-fingerprint", wrong, "--nick", "pinned4");
    assertEquals(1, run.status(), run.out());
    assertEquals(
        "!! the server's certificate has SHA-256 "
            + real
            + ", not the pinned "
            + wrong
            + ": someone may be in between, or the server has a new certificate (pin the new one"
            + " only once you know it is the server's)\n",
        said(run));
    assertFalse(run.out().contains("connected to parley"), run.out());
    assertEquals(1, run.out().split("not the pinned", -1).length - 1, run.out());
    assertFalse(run.out().contains("trying again"), run.out());
  }

  @Test
  void aSelfSignedCertificateIsNotTrustedByTheSystemAndTheSentenceOffersThePin() {
    ClientRun run = ClientRun.of("/rooms\n", "--tls", "--port", tlsPort(), "--nick", "plain5");
    assertEquals(1, run.status(), run.out());
    assertEquals(
        "!! the server's certificate is not trusted by this system (SHA-256 "
            + fingerprint()
            + "): if you trust it (the server prints its SHA-256 at start), run again with"
            + " --tls-fingerprint "
            + fingerprint()
            + "\n",
        said(run));
    assertFalse(run.out().contains("connected to parley"), run.out());
  }

  @Test
  void aCaFileThatDidNotSignTheCertificateIsRefused(@TempDir Path dir) {
    var stranger = TestCertificates.selfSignedFor("localhost").certificate();
    Path ca = TestCertificates.writeCertificate(dir.resolve("other-ca.pem"), stranger);
    ClientRun run =
        ClientRun.of("/rooms\n", "--port", tlsPort(), "--ca", ca.toString(), "--nick", "other6");
    assertEquals(1, run.status(), run.out());
    assertTrue(
        said(run)
            .startsWith(
                "!! the server's certificate is not signed by a CA in "
                    + ca
                    + " (SHA-256 "
                    + fingerprint()
                    + "): "),
        run.err());
  }
}
