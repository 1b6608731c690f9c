package dev.parley.client.terminal.window;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Wraps a line at word boundaries to the terminal's width, as irssi does: the continuation lines
 * are indented under the start of the text, after the time and the nick; a word longer than a line
 * is cut where the line ends, and no part of one starts a line at column 0.
 */
public final class WordWrap {

  // the heads FrameRenderer writes before a text: [time], (history), #room, then <nick>, -nick-,
  // *nick*:, *me* -> nick:, -!- notice:, -->, <--, --, !!
  private static final Pattern HEAD =
      Pattern.compile(
          "^\\[[^\\]]*\\] (?:\\((?:history|offline)\\) )?(?:#\\S+ )?"
              + "(?:<[^>\\s]*> |-[^\\s-]+- |[*-][^*\\s]*[*-](?: -> \\S+)?: |-!- (?:notice: )?"
              + "|--> |<-- |-- |!! )?");
  private static final Pattern LEADING_SPACES = Pattern.compile("^ +");

  private WordWrap() {}

  /** {@code line} in lines of at most {@code width} columns. */
  public static List<AttributedString> wrap(AttributedString line, int width) {
    if (width < 2 || line.length() <= width) {
      return List.of(line);
    }
    int indent = Math.min(textStart(line.toString()), width / 2);
    List<AttributedString> lines = new ArrayList<>();
    int from = 0;
    boolean first = true;
    while (from < line.length()) {
      int room = first ? width : width - indent;
      int end;
      int next;
      if (line.length() - from <= room) {
        end = line.length();
        next = end;
      } else {
        int space = lastSpace(line, first ? indent : from, from + room);
        if (space > from) {
          end = space;
          next = space;
          while (next < line.length() && line.charAt(next) == ' ') {
            next++;
          }
        } else {
          end = from + room;
          next = end;
        }
      }
      AttributedString piece = line.subSequence(from, end);
      lines.add(
          first
              ? piece
              : new AttributedStringBuilder()
                  .append(" ".repeat(indent))
                  .append(piece)
                  .toAttributedString());
      first = false;
      from = next;
    }
    return lines;
  }

  /** How many rows {@code line} takes on a terminal {@code width} columns wide. */
  public static int rows(AttributedString line, int width) {
    return wrap(line, width).size();
  }

  /**
   * The column where the text of a line starts: after its head, or under the text of the line
   * before, for the further lines of a text, which come indented.
   */
  static int textStart(String plain) {
    Matcher leading = LEADING_SPACES.matcher(plain);
    if (leading.find()) {
      return leading.end();
    }
    Matcher head = HEAD.matcher(plain);
    return head.find() ? head.end() : 0;
  }

  // the last space in [from, limit], where a line may end, or -1
  private static int lastSpace(AttributedString line, int from, int limit) {
    for (int i = Math.min(limit, line.length() - 1); i > from; i--) {
      if (line.charAt(i) == ' ') {
        return i;
      }
    }
    return -1;
  }
}
