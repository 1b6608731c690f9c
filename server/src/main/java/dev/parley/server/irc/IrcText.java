package dev.parley.server.irc;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Text between IRC and Parley. IRC's formatting codes are control characters, which Parley's texts
 * do not have: they are taken out. An IRC action ({@code /me}, CTCP ACTION) is a Parley text that
 * starts with {@code /me }. A Parley text may have several lines and more than an IRC line holds:
 * it goes out as several messages.
 */
final class IrcText {

  static final String ACTION_PREFIX = "/me ";
  private static final char CTCP = '\u0001';
  private static final char COLOUR = '\u0003';
  private static final char HEX_COLOUR = '\u0004';

  private IrcText() {}

  /** Whether an IRC text is a CTCP request or action, which starts and may end with {@code \1}. */
  static boolean isCtcp(String text) {
    return !text.isEmpty() && text.charAt(0) == CTCP;
  }

  /** The Parley text of a CTCP ACTION, or null for any other CTCP request. */
  static String fromCtcp(String text) {
    String body = text.substring(1);
    if (body.endsWith(String.valueOf(CTCP))) {
      body = body.substring(0, body.length() - 1);
    }
    if (body.startsWith("ACTION ")) {
      return ACTION_PREFIX + withoutFormatting(body.substring("ACTION ".length()));
    }
    return null;
  }

  /** The text without IRC's bold, colour, italics, underline, reverse and reset codes. */
  static String withoutFormatting(String text) {
    var plain = new StringBuilder(text.length());
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == COLOUR) {
        i = skipColour(text, i, 2, false);
      } else if (c == HEX_COLOUR) {
        i = skipColour(text, i, 6, true);
      } else if (c == '\u0002'
          || c == '\u000f'
          || c == '\u0011'
          || c == '\u0016'
          || c == '\u001d'
          || c == '\u001e'
          || c == '\u001f') {
        continue;
      } else {
        plain.append(c);
      }
    }
    return plain.toString();
  }

  // a colour code is followed by a foreground and optionally ",background"
  private static int skipColour(String text, int at, int digits, boolean hex) {
    int end = skipDigits(text, at + 1, digits, hex);
    if (end > at + 1 && end + 1 < text.length() && text.charAt(end) == ',') {
      int background = skipDigits(text, end + 1, digits, hex);
      if (background > end + 1) {
        end = background;
      }
    }
    return end - 1;
  }

  private static int skipDigits(String text, int from, int most, boolean hex) {
    int at = from;
    while (at < text.length() && at - from < most && isDigit(text.charAt(at), hex)) {
      at++;
    }
    return at;
  }

  private static boolean isDigit(char c, boolean hex) {
    return (c >= '0' && c <= '9') || (hex && ((c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
  }

  /**
   * The IRC texts of a Parley text, each of at most {@code maxBytes} bytes of UTF-8: one per line,
   * a long line cut at a space where one is near, else between characters; empty lines left out. An
   * action's texts are each an action.
   */
  static List<String> toIrc(String text, int maxBytes) {
    boolean action = text.startsWith(ACTION_PREFIX);
    String body = action ? text.substring(ACTION_PREFIX.length()) : text;
    int budget = action ? maxBytes - "\u0001ACTION \u0001".length() : maxBytes;
    var texts = new ArrayList<String>();
    for (String line : body.split("\r?\n")) {
      for (String piece : cut(line, Math.max(budget, 16))) {
        texts.add(action ? CTCP + "ACTION " + piece + CTCP : piece);
      }
    }
    if (texts.isEmpty()) {
      texts.add(action ? CTCP + "ACTION" + CTCP : " ");
    }
    return texts;
  }

  /**
   * A Parley text as one IRC parameter of at most {@code maxBytes} bytes, such as a kick's reason:
   * its lines joined with spaces, cut as {@link #toIrc} cuts; formatting and actions kept as text.
   */
  static String oneLine(String text, int maxBytes) {
    List<String> pieces = cut(String.join(" ", text.split("\r?\n")), Math.max(maxBytes, 16));
    return pieces.isEmpty() ? " " : pieces.get(0);
  }

  private static List<String> cut(String line, int maxBytes) {
    var pieces = new ArrayList<String>();
    String rest = line;
    while (!rest.isBlank()) {
      if (utf8Length(rest) <= maxBytes) {
        pieces.add(rest);
        break;
      }
      int end = fittingChars(rest, maxBytes);
      int space = rest.lastIndexOf(' ', end);
      // a space in the last quarter makes a nicer cut; a long word is cut where it must be
      int cutAt = space > end * 3 / 4 ? space : end;
      pieces.add(rest.substring(0, cutAt));
      rest = rest.substring(cutAt).stripLeading();
    }
    return pieces;
  }

  /** How many chars of {@code text} from its start fit {@code maxBytes}, never half a pair. */
  private static int fittingChars(String text, int maxBytes) {
    int bytes = 0;
    int at = 0;
    while (at < text.length()) {
      int codePoint = text.codePointAt(at);
      int size = new String(Character.toChars(codePoint)).getBytes(StandardCharsets.UTF_8).length;
      if (bytes + size > maxBytes) {
        break;
      }
      bytes += size;
      at += Character.charCount(codePoint);
    }
    return at;
  }

  static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
