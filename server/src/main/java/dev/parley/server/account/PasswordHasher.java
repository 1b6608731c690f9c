package dev.parley.server.account;

import dev.parley.server.settings.AccountSettings.Argon2Settings;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Hashes passwords with Argon2id into the usual encoded form, {@code
 * $argon2id$v=19$m=19456,t=2,p=1$salt$hash}, which carries its own cost, so that a hash made with
 * other settings still verifies. Slow on purpose: call it off the actors' threads.
 */
public final class PasswordHasher {

  private static final int SALT_BYTES = 16;
  private static final int HASH_BYTES = 32;
  private static final Pattern ENCODED =
      Pattern.compile(
          "\\$argon2id\\$v=19\\$m=(\\d{1,9}),t=(\\d{1,4}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
  private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
  private static final Base64.Decoder BASE64_DECODER = Base64.getDecoder();

  private final Argon2Settings cost;
  private final SecureRandom random = new SecureRandom();

  public PasswordHasher(Argon2Settings cost) {
    this.cost = cost;
  }

  /** Whether {@code encoded} has the form of a hash this class makes and can verify. */
  public static boolean isEncodedHash(String encoded) {
    return ENCODED.matcher(encoded).matches();
  }

  public String hash(String password) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    byte[] hash = argon2(password, salt, cost, HASH_BYTES);
    return String.format(
        "$argon2id$v=19$m=%d,t=%d,p=%d$%s$%s",
        cost.memoryKib(),
        cost.iterations(),
        cost.parallelism(),
        BASE64.encodeToString(salt),
        BASE64.encodeToString(hash));
  }

  /** Whether {@code password} is the one {@code encoded} was made from. */
  public boolean verify(String password, String encoded) {
    Matcher parts = ENCODED.matcher(encoded);
    if (!parts.matches()) {
      return false;
    }
    var stored =
        new Argon2Settings(
            Integer.parseInt(parts.group(1)),
            Integer.parseInt(parts.group(2)),
            Integer.parseInt(parts.group(3)));
    byte[] expected = BASE64_DECODER.decode(parts.group(5));
    byte[] actual =
        argon2(password, BASE64_DECODER.decode(parts.group(4)), stored, expected.length);
    return MessageDigest.isEqual(expected, actual);
  }

  private static byte[] argon2(String password, byte[] salt, Argon2Settings cost, int length) {
    var parameters =
        new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
            .withVersion(Argon2Parameters.ARGON2_VERSION_13)
            .withMemoryAsKB(cost.memoryKib())
            .withIterations(cost.iterations())
            .withParallelism(cost.parallelism())
            .withSalt(salt)
            .build();
    var generator = new Argon2BytesGenerator();
    generator.init(parameters);
    byte[] hash = new byte[length];
    generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), hash);
    return hash;
  }
}
