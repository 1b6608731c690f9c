package dev.parley.server.e2e;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Nicks and room names that no other test uses, so that the tests of a class can share one server.
 */
final class Names {

  private static final int SUFFIX_CHARS = 6;
  private static final int MAX_NICK_CHARS = 16;
  private static final String SUFFIX_ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

  private Names() {}

  /** {@code prefix} (at most 9 chars) and a random suffix: a valid nick of at most 16 chars. */
  static String nick(String prefix) {
    String nick = prefix + "_" + suffix();
    if (nick.length() > MAX_NICK_CHARS) {
      throw new IllegalArgumentException("nick prefix too long: " + prefix);
    }
    return nick;
  }

  static String room(String prefix) {
    return prefix + "-" + suffix();
  }

  private static String suffix() {
    var random = ThreadLocalRandom.current();
    var suffix = new StringBuilder(SUFFIX_CHARS);
    for (int i = 0; i < SUFFIX_CHARS; i++) {
      suffix.append(SUFFIX_ALPHABET.charAt(random.nextInt(SUFFIX_ALPHABET.length())));
    }
    return suffix.toString();
  }
}
