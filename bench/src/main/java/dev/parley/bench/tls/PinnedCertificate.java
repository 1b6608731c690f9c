package dev.parley.bench.tls;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * Trusts exactly one server certificate, the one whose SHA-256 the server printed as it started:
 * its certificate is self-signed, made at that start, so no CA vouches for it.
 */
final class PinnedCertificate implements X509TrustManager {

  private final String fingerprint;

  /**
   * @param fingerprint {@code AB:CD:...}, as the server's banner and {@code openssl x509
   *     -fingerprint -sha256} show it
   */
  PinnedCertificate(String fingerprint) {
    this.fingerprint = fingerprint.toUpperCase(Locale.ROOT);
  }

  /** A TLS context for clients that trust the pinned certificate alone. */
  static SSLContext clientContext(String fingerprint) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new PinnedCertificate(fingerprint)}, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM makes no TLS context: " + e.getMessage(), e);
    }
  }

  /** The SHA-256 of a certificate's DER bytes, {@code AB:CD:...}. */
  static String fingerprintOf(byte[] encoded) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(encoded);
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JVM has no SHA-256", e);
    }
  }

  boolean trusts(byte[] encoded) {
    return fingerprintOf(encoded).equals(fingerprint);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server sent no certificate");
    }
    try {
      if (!trusts(chain[0].getEncoded())) {
        throw new CertificateException(
            "the server's certificate is not the pinned one: SHA-256 "
                + fingerprintOf(chain[0].getEncoded())
                + ", not "
                + fingerprint);
      }
    } catch (CertificateEncodingException e) {
      throw new CertificateException("the server's certificate has no encoding", e);
    }
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("a bench client trusts no client certificate");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return new X509Certificate[0];
  }
}
