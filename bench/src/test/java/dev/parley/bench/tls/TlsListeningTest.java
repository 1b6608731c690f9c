package dev.parley.bench.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TlsListeningTest {

  private static final String FINGERPRINT =
      "24:16:C0:A7:DF:ED:7F:7C:17:3D:19:B3:49:82:C2:98:30:85:20:4A:F0:30:DF:6D:AB:04:9C:24:5A:65:E6:31";
  private static final String CLEARTEXT_LINE =
      "2026-12-06 21:41:30.852 INFO  TcpListener - Listening on 127.0.0.1:46551";
  private static final String TLS_LINE =
      "2026-12-06 21:41:30.849 INFO  TcpListener - Listening with TLS on 127.0.0.1:35007";
  private static final String BANNER_LINE =
      "  tls:         port 35007, certificate self-signed, made at this start, SHA-256 "
          + FINGERPRINT;

  @Test
  void readsTheAddressFromTheTlsListeningLine() {
    assertEquals(
        Optional.of(new InetSocketAddress("127.0.0.1", 35007)), TlsListening.address(TLS_LINE));
    assertTrue(TlsListening.address(CLEARTEXT_LINE).isEmpty());
  }

  @Test
  void readsTheFingerprintFromTheBannersTlsLine() {
    assertEquals(Optional.of(FINGERPRINT), TlsListening.fingerprint(BANNER_LINE));
    assertEquals(
        Optional.of(FINGERPRINT),
        TlsListening.fingerprint(
            "  tls:         port 7443, certificate /etc/parley/fullchain.pem, SHA-256 "
                + FINGERPRINT));
    assertTrue(TlsListening.fingerprint("  tls:         off (parley.tls.enabled)").isEmpty());
  }

  @Test
  void findsBothLinesInEitherOrderAmongOthers() {
    var watch = new TlsListening.Watch();

    watch.accept("2026-12-06 21:41:20.549 INFO  Main - Starting Parley with bench.conf");
    watch.accept(BANNER_LINE);
    assertFalse(watch.found().isDone());
    watch.accept(CLEARTEXT_LINE);
    watch.accept(TLS_LINE);

    assertEquals(
        new TlsListening(new InetSocketAddress("127.0.0.1", 35007), FINGERPRINT),
        watch.found().join());
  }

  @Test
  void givesUpWhenTheBannerSaysTlsIsOff() {
    var watch = new TlsListening.Watch();

    watch.accept(CLEARTEXT_LINE);
    watch.accept("  tls:         off (parley.tls.enabled)");

    assertTrue(watch.found().isCompletedExceptionally());
  }
}
