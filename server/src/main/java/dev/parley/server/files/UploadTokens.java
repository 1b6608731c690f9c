package dev.parley.server.files;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** File ids and upload tokens: random, and a token kept only as its hash. */
final class UploadTokens {

  private final SecureRandom random = new SecureRandom();

  /** 128 random bits in hex: a file's id, which also names it on disk and in its address. */
  String newId() {
    byte[] bits = new byte[16];
    random.nextBytes(bits);
    return HexFormat.of().formatHex(bits);
  }

  /** 256 random bits, URL-safe. */
  String newToken() {
    byte[] bits = new byte[32];
    random.nextBytes(bits);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bits);
  }

  static String hash(String token) {
    return HexFormat.of()
        .formatHex(FileFolder.sha256().digest(token.getBytes(StandardCharsets.UTF_8)));
  }

  /** Whether {@code token} is the one hashed as {@code tokenHash}, in time that does not tell. */
  static boolean matches(String token, String tokenHash) {
    return token != null
        && MessageDigest.isEqual(
            hash(token).getBytes(StandardCharsets.US_ASCII),
            tokenHash.getBytes(StandardCharsets.US_ASCII));
  }
}
