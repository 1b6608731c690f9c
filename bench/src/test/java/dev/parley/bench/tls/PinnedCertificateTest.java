package dev.parley.bench.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PinnedCertificateTest {

  // the SHA-256 of "abc", from FIPS 180-2
  private static final byte[] ABC = "abc".getBytes(StandardCharsets.US_ASCII);
  private static final String ABC_SHA_256 =
      "BA:78:16:BF:8F:01:CF:EA:41:41:40:DE:5D:AE:22:23:B0:03:61:A3:96:17:7A:9C:B4:10:FF:61:F2:00:15:AD";

  @Test
  void showsTheFingerprintAsTheServerPrintsIt() {
    assertEquals(ABC_SHA_256, PinnedCertificate.fingerprintOf(ABC));
  }

  @Test
  void trustsTheCertificateWithThePinnedFingerprintInAnyLetterCase() {
    assertTrue(new PinnedCertificate(ABC_SHA_256).trusts(ABC));
    assertTrue(new PinnedCertificate(ABC_SHA_256.toLowerCase()).trusts(ABC));
  }

  @Test
  void trustsNoOtherCertificate() {
    assertFalse(
        new PinnedCertificate(ABC_SHA_256).trusts("abd".getBytes(StandardCharsets.US_ASCII)));
  }
}
