package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How parley.client.tls becomes the trust of a connection. */
class TlsSettingsTest {

  private static ConnectionSettings settings(Map<String, Object> values) {
    return ConnectionSettings.fromConfig(
        ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference()));
  }

  @Test
  void cleartextIsTheDefault() {
    var settings = settings(Map.of());
    assertEquals(Optional.empty(), settings.tls());
    assertEquals(7777, settings.port());
  }

  @Test
  void tlsTrustsTheSystemAndConnectsToTheTlsPort() {
    var settings = settings(Map.of("parley.client.tls.enabled", true));
    assertEquals(Optional.of(TlsTrust.SystemTrustStore.INSTANCE), settings.tls());
    assertEquals(7443, settings.port());
  }

  @Test
  void aFingerprintIsPinnedInOneSpelling() {
    String typed = "ab".repeat(32);
    var settings =
        settings(Map.of("parley.client.tls.enabled", true, "parley.client.tls.fingerprint", typed));
    var expected = new Fingerprint(String.join(":", Collections.nCopies(32, "AB")));
    assertEquals(Optional.of(new TlsTrust.PinnedCertificate(expected)), settings.tls());
  }

  @Test
  void aCaFileAndAFingerprintTogetherAreRefused() {
    var problem =
        assertThrows(
            ConfigException.BadValue.class,
            () ->
                settings(
                    Map.of(
                        "parley.client.tls.enabled",
                        true,
                        "parley.client.tls.ca-file",
                        "ca.pem",
                        "parley.client.tls.fingerprint",
                        "00".repeat(32))));
    assertTrue(problem.getMessage().contains("not both"), problem.getMessage());
  }

  @Test
  void aCaBundleKeepsEveryCertificateAndSkipsTheTextBetween(@TempDir Path dir) throws IOException {
    var first = TestCertificates.selfSignedFor("one.test").certificate();
    var second = TestCertificates.selfSignedFor("two.test").certificate();
    Path bundle =
        Files.writeString(
            dir.resolve("bundle.pem"),
            "# One CA\n"
                + TestCertificates.pem("CERTIFICATE", encoded(first))
                + "\nTwo CA\n=======\n"
                + TestCertificates.pem("CERTIFICATE", encoded(second)));
    var cas = TlsTrust.TrustedCas.fromPemFile(bundle);
    assertEquals(List.of(first, second), cas.authorities());
  }

  private static byte[] encoded(X509Certificate certificate) {
    try {
      return certificate.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
