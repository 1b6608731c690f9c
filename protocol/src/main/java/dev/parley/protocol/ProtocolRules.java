package dev.parley.protocol;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The rules for nicks, room names and text that every side of the protocol applies. */
public final class ProtocolRules {

  public static final int PROTOCOL_VERSION = 1;

  private static final Pattern NICK =
      Pattern.compile("[A-Za-z_\\[\\]{}\\\\^|][A-Za-z0-9_\\-\\[\\]{}\\\\^|]{0,15}");
  private static final Pattern ROOM = Pattern.compile("[A-Za-z0-9_.\\-]{1,32}");

  private ProtocolRules() {}

  /** 1 to 16 chars of ASCII letters, digits, {@code _-[]{}\^|}, not starting with a digit or -. */
  public static boolean isValidNick(String nick) {
    return nick != null && NICK.matcher(nick).matches();
  }

  /** 1 to 32 chars of ASCII letters, digits, {@code _-.}. */
  public static boolean isValidRoom(String room) {
    return room != null && ROOM.matcher(room).matches();
  }

  /** The form under which nicks and room names are compared: they are case-insensitive. */
  public static String canonical(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  /**
   * Why a text (a message, a topic) is refused, or empty when it is fine: it must have 1 to {@code
   * maxChars} chars, not all blank, and no control characters but newline and tab.
   */
  public static Optional<String> textProblem(String text, int maxChars) {
    if (text == null || isBlank(text)) {
      return Optional.of("text must not be empty or blank");
    }
    int chars = text.codePointCount(0, text.length());
    if (chars > maxChars) {
      return Optional.of("text has " + chars + " chars, at most " + maxChars + " are allowed");
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\n' && c != '\t') {
        return Optional.of(
            String.format("text must not contain the control character U+%04X", (int) c));
      }
      if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (Character.isSurrogate(c)) {
        return Optional.of("text must not contain an unpaired surrogate");
      }
    }
    return Optional.empty();
  }

  /**
   * Only whitespace or space separators: unlike {@link String#isBlank}, no-break spaces (U+00A0,
   * U+2007, U+202F) count too.
   */
  private static boolean isBlank(String text) {
    return text.codePoints().allMatch(c -> Character.isWhitespace(c) || Character.isSpaceChar(c));
  }
}
