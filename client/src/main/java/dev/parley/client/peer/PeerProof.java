package dev.parley.client.peer;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * That a side of a direct link holds the offer's one-time token, without sending the token: the
 * HMAC-SHA256 of its role under the token. Neither proof gives the other away.
 */
public final class PeerProof {

  private PeerProof() {}

  /** The proof of the side that connects. */
  public static String ofConnecting(String token) {
    return mac(token, "connect");
  }

  /** The proof of the side that listens. */
  public static String ofListening(String token) {
    return mac(token, "listen");
  }

  /** Whether {@code proof} is {@code expected}, in time that does not tell how much matched. */
  static boolean matches(String expected, String proof) {
    return proof != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.US_ASCII),
            proof.getBytes(StandardCharsets.US_ASCII));
  }

  private static String mac(String token, String role) {
    try {
      var mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder()
          .withoutPadding()
          .encodeToString(mac.doFinal(role.getBytes(StandardCharsets.US_ASCII)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("no HmacSHA256 in this JVM", e);
    }
  }
}
