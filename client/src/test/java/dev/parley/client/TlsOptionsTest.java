package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The TLS options on the command line: their help, and the usage errors that stop a start. */
class TlsOptionsTest {

  private static ClientRun run(String... args) {
    return ClientRun.of("", args);
  }

  @Test
  void helpDescribesTheTlsOptionsAndThePort() {
    ClientRun help = run("--help");
    assertEquals(0, help.status());
    String text = help.out().replaceAll("\\s+", " ");
    for (String expected :
        List.of(
            "--tls ",
            "--ca=FILE",
            "--tls-fingerprint=SHA256",
            "implies --tls",
            "with TLS: 7443",
            "not retried")) {
      assertTrue(text.contains(expected), expected + " in\n" + help.out());
    }
  }

  @Test
  void aMissingCaFileIsAUsageErrorNamingTheFile() {
    ClientRun run = run("--ca", "no-such-ca.pem");
    assertEquals(2, run.status());
    assertEquals("cannot read the CA file no-such-ca.pem: there is no such file\n", run.err());
  }

  @Test
  void aCaFileThatIsNotPemIsAUsageErrorNamingTheFile(@TempDir Path dir) throws IOException {
    Path der = Files.write(dir.resolve("ca.der"), new byte[] {0x30, (byte) 0x82, 0x01, 0x0a});
    ClientRun run = run("--ca", der.toString());
    assertEquals(2, run.status());
    assertEquals(
        "the CA file " + der + " is not PEM: it holds no -----BEGIN CERTIFICATE----- block\n",
        run.err());
  }

  @Test
  void aCaFileWithABrokenBlockIsAUsageErrorNamingTheFile(@TempDir Path dir) throws IOException {
    Path broken =
        Files.writeString(
            dir.resolve("ca.pem"), TestCertificates.pem("CERTIFICATE", new byte[] {1, 2, 3}));
    ClientRun run = run("--ca", broken.toString());
    assertEquals(2, run.status());
    assertEquals(
        "the CA file " + broken + " has a CERTIFICATE block that is not a certificate (block 1)\n",
        run.err());
  }

  @Test
  void aFingerprintThatIsNotOneIsAUsageErrorNamingTheOption() {
    ClientRun run = run("--tls-fingerprint", "AB:CD:EF");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("configuration: --tls-fingerprint: "), run.err());
    assertTrue(run.err().contains("'AB:CD:EF' is not a SHA-256 fingerprint"), run.err());
  }

  @Test
  void aCaFileAndAPinAreOneTooMany() {
    ClientRun run = run("--ca", "ca.pem", "--tls-fingerprint", "00".repeat(32));
    assertEquals(2, run.status());
    assertTrue(run.err().contains("not both"), run.err());
  }

  @Test
  void aTlsPortOutOfRangeIsAUsageErrorThatNamesTheOption() {
    ClientRun run = run("--tls", "--port", "70000");
    assertEquals(2, run.status());
    assertTrue(run.err().startsWith("configuration: --port: "), run.err());
    assertTrue(run.err().contains("parley.client.tls.port"), run.err());
  }
}
