package dev.parley.server.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.settings.TlsSettings;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Keys and chains as openssl and certbot write them, and files that are not. */
class PemFileReaderTest {

  @TempDir Path directory;

  private static Path fixture(String name) {
    try {
      return Path.of(PemFileReaderTest.class.getResource("/pem/" + name).toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  // fingerprints as openssl x509 -noout -fingerprint -sha256 prints them
  @ParameterizedTest
  @CsvSource({
    "ec-sec1, 25:C2:18:AB:5E:59:5A:CB:E3:E3:73:61:2E:B5:12:0A:B3:1B:E3:4B:B3:1C:37:B5:B2:18:42:AE:23:A0:D1:50",
    "ec-pkcs8, 0B:0D:F0:F1:67:6D:94:3F:B7:20:46:04:E9:64:0B:1B:D1:77:4E:35:3C:77:E5:EE:B7:9D:B5:E1:8B:AE:25:23",
    "rsa-pkcs1, EB:A4:B7:9B:76:24:D2:ED:FC:2E:99:36:4B:0F:B6:FE:5F:3F:17:A7:35:C7:34:54:60:59:B2:BE:EF:E7:78:C8"
  })
  void readsAKeyInEachFormAndItsCertificate(String form, String fingerprint) {
    var material =
        PemFileReader.read(
            new TlsSettings.PemFiles(
                fixture(form + "-fullchain.pem"), fixture(form + "-privkey.pem")));
    assertEquals(fingerprint, material.fingerprint());
    assertEquals("CN=localhost", material.chain().get(0).getSubjectX500Principal().getName());
    material.sslContext();
  }

  @Test
  void aChainWithoutACertificateIsRefusedNamingIt() throws IOException {
    Path empty = Files.writeString(directory.resolve("fullchain.pem"), "nothing here\n");
    var refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                PemFileReader.read(
                    new TlsSettings.PemFiles(empty, fixture("ec-pkcs8-privkey.pem"))));
    assertTrue(refused.getMessage().contains(empty.toString()), refused.getMessage());
  }

  @Test
  void aKeyFileWithoutAKeyIsRefusedNamingIt() {
    Path certificateOnly = fixture("ec-pkcs8-fullchain.pem");
    var refused =
        assertThrows(
            IllegalStateException.class,
            () ->
                PemFileReader.read(
                    new TlsSettings.PemFiles(fixture("ec-pkcs8-fullchain.pem"), certificateOnly)));
    assertTrue(refused.getMessage().contains("holds no"), refused.getMessage());
  }
}
