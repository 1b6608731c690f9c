package dev.parley.client.connection;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The client's TLS: one context of its trust, and an engine of it for each connection. */
final class TlsContext {

  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final SSLContext context;

  TlsContext(TlsTrust trust) {
    try {
      X509ExtendedTrustManager authorities = authorities(trust);
      context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new ServerCertificateCheck(trust, authorities)}, null);
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /** A client engine for one connection to {@code host}: TLS 1.2 or 1.3, the host checked. */
  SSLEngine newEngine(String host, int port) {
    // with the host, the JDK sends it as SNI (unless it is an IP address) and checks it against
    // the certificate
    SSLEngine engine = context.createSSLEngine(host, port);
    engine.setUseClientMode(true);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setProtocols(
        PROTOCOLS.stream()
            .filter(Arrays.asList(engine.getSupportedProtocols())::contains)
            .toArray(String[]::new));
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);
    return engine;
  }

  private static X509ExtendedTrustManager authorities(TlsTrust trust)
      throws GeneralSecurityException, IOException {
    KeyStore store;
    if (trust instanceof TlsTrust.TrustedCas cas) {
      store = KeyStore.getInstance(KeyStore.getDefaultType());
      store.load(null, null);
      int n = 0;
      for (X509Certificate authority : cas.authorities()) {
        store.setCertificateEntry("ca-" + n++, authority);
      }
    } else if (trust == TlsTrust.SystemTrustStore.INSTANCE) {
      // null: the JDK's default trust store (cacerts, or javax.net.ssl.trustStore)
      store = null;
    } else {
      return null;
    }
    var factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(store);
    for (TrustManager manager : factory.getTrustManagers()) {
      if (manager instanceof X509ExtendedTrustManager x509) {
        return x509;
      }
    }
    throw new GeneralSecurityException("the JDK offers no X.509 trust manager");
  }
}
