package dev.parley.client.connection;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The SHA-256 of a certificate, {@code AB:CD:...} in upper case, as the server prints it and {@code
 * openssl x509 -fingerprint -sha256} shows it.
 */
public record Fingerprint(String hex) {

  private static final Pattern CANONICAL = Pattern.compile("([0-9A-F]{2}:){31}[0-9A-F]{2}");
  private static final Pattern DIGITS = Pattern.compile("[0-9A-Fa-f]{64}");
  private static final HexFormat WITH_COLONS = HexFormat.ofDelimiter(":").withUpperCase();

  public Fingerprint {
    if (!CANONICAL.matcher(hex).matches()) {
      throw new IllegalArgumentException("not a SHA-256 fingerprint in AB:CD:... form: " + hex);
    }
  }

  /**
   * The fingerprint a user typed: 64 hex digits, with or without colons, in any case.
   *
   * @throws IllegalArgumentException saying what a fingerprint looks like
   */
  public static Fingerprint parse(String typed) {
    String digits = typed.strip().replace(":", "");
    if (!DIGITS.matcher(digits).matches()) {
      throw new IllegalArgumentException(
          "is not a SHA-256 fingerprint: 64 hex digits, colons optional (AB:CD:...)");
    }
    return new Fingerprint(WITH_COLONS.formatHex(HexFormat.of().parseHex(digits)));
  }

  public static Fingerprint of(X509Certificate certificate) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
      return new Fingerprint(WITH_COLONS.formatHex(digest));
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("the certificate cannot be encoded: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JVM cannot take a SHA-256", e);
    }
  }
}
