package dev.parley.server.tls;

import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/** A certificate chain, the server's own first, and its private key. */
record KeyMaterial(List<X509Certificate> chain, PrivateKey key) {

  KeyMaterial {
    chain = List.copyOf(chain);
    if (chain.isEmpty()) {
      throw new IllegalArgumentException("a chain holds at least the server's certificate");
    }
  }

  /** The SHA-256 of the server's certificate, as {@code openssl x509 -fingerprint} shows it. */
  String fingerprint() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(chain.get(0).getEncoded());
      return HexFormat.ofDelimiter(":").formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot take a SHA-256 of a certificate", e);
    }
  }

  SSLContext sslContext() {
    try {
      char[] unused = new char[0];
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      store.setKeyEntry("parley", key, unused, chain.toArray(X509Certificate[]::new));
      var keyManagers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keyManagers.init(store, unused);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keyManagers.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException(
          "the certificate and the key do not make a TLS context: " + e.getMessage(), e);
    }
  }
}
