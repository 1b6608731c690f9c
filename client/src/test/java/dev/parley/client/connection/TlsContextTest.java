package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Set;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import org.junit.jupiter.api.Test;

/** The engines the client makes for its TLS connections. */
class TlsContextTest {

  private final TlsContext context = new TlsContext(TlsTrust.SystemTrustStore.INSTANCE);

  @Test
  void anEngineSpeaksTls12Or13AsAClientAndChecksTheHost() {
    SSLEngine engine = context.newEngine("chat.example.org", 7443);
    assertEquals(true, engine.getUseClientMode());
    assertEquals(Set.of("TLSv1.3", "TLSv1.2"), Set.of(engine.getEnabledProtocols()));
    assertEquals("HTTPS", engine.getSSLParameters().getEndpointIdentificationAlgorithm());
  }

  @Test
  void aHostNameGoesOutAsSni() {
    SSLEngine engine = context.newEngine("chat.example.org", 7443);
    assertEquals(
        List.of(new SNIHostName("chat.example.org")), engine.getSSLParameters().getServerNames());
  }

  @Test
  void anIpAddressIsNoSniName() {
    SSLEngine engine = context.newEngine("127.0.0.1", 7443);
    var names = engine.getSSLParameters().getServerNames();
    assertTrue(names == null || names.isEmpty(), String.valueOf(names));
  }
}
