package dev.parley.client.render;

import dev.parley.protocol.ProtocolRules;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * How a line of the console reads: its time stamp in local time, the room it is of (unless shown in
 * that room's own window), the styles of nicks and kinds of lines, text continued under itself, and
 * control characters made visible. The pieces that {@link FrameRenderer} and {@link EventLines}
 * build their lines from.
 */
final class Lines {

  static final AttributedStyle PLAIN = AttributedStyle.DEFAULT;
  static final AttributedStyle DIM =
      PLAIN.foreground(AttributedStyle.BLACK | AttributedStyle.BRIGHT);
  static final AttributedStyle ROOM = PLAIN.foreground(AttributedStyle.CYAN);
  static final AttributedStyle OWN_NICK = PLAIN.bold();
  static final AttributedStyle ARRIVAL = PLAIN.foreground(AttributedStyle.GREEN);
  static final AttributedStyle DEPARTURE = PLAIN.foreground(AttributedStyle.RED);
  static final AttributedStyle TOPIC = PLAIN.foreground(AttributedStyle.MAGENTA);
  static final AttributedStyle NOTICE = PLAIN.bold().foreground(AttributedStyle.YELLOW);
  static final AttributedStyle PROBLEM = PLAIN.bold().foreground(AttributedStyle.RED);
  static final AttributedStyle MENTION = PLAIN.bold();
  static final AttributedStyle DIRECT =
      PLAIN.bold().foreground(AttributedStyle.MAGENTA | AttributedStyle.BRIGHT);
  private static final int[] NICK_COLOURS = {
    AttributedStyle.GREEN,
    AttributedStyle.YELLOW,
    AttributedStyle.BLUE,
    AttributedStyle.MAGENTA,
    AttributedStyle.CYAN,
    AttributedStyle.GREEN | AttributedStyle.BRIGHT,
    AttributedStyle.YELLOW | AttributedStyle.BRIGHT,
    AttributedStyle.BLUE | AttributedStyle.BRIGHT,
    AttributedStyle.MAGENTA | AttributedStyle.BRIGHT,
    AttributedStyle.CYAN | AttributedStyle.BRIGHT,
  };
  private static final String NICK_CHARS = "A-Za-z0-9_\\-\\[\\]{}\\\\^|";

  private final Clock clock;
  private final DateTimeFormatter time;
  private final DateTimeFormatter dateAndTime;
  // false in a room's own window, where every line is of that room
  private final boolean roomNames;

  Lines(Clock clock, String timePattern, boolean roomNames) {
    this.clock = clock;
    this.time = DateTimeFormatter.ofPattern(timePattern);
    this.dateAndTime = DateTimeFormatter.ofPattern("uuuu-MM-dd " + timePattern);
    this.roomNames = roomNames;
  }

  /** A line that tells the user something the client itself noticed. */
  AttributedString problem(String text) {
    return visible(line(null, null).styled(PROBLEM, "!!").append(" " + text).toAttributedString());
  }

  /** A line of information, about a room when {@code room} is not null. */
  AttributedString info(String room, String text) {
    return visible(line(null, room).styled(DIM, "--").append(" " + text).toAttributedString());
  }

  String ago(Instant then) {
    long seconds = Math.max(0, Duration.between(then, clock.instant()).toSeconds());
    if (seconds < 60) {
      return "just now";
    }
    if (seconds < 3600) {
      return seconds / 60 + " min ago";
    }
    if (seconds < 86400) {
      return seconds / 3600 + " h ago";
    }
    return count(seconds / 86400, "day") + " ago";
  }

  AttributedStringBuilder line(Instant ts, String room) {
    var builder =
        new AttributedStringBuilder()
            .styled(DIM, "[" + stamp(ts == null ? clock.instant() : ts) + "]")
            .append(" ");
    if (room != null && roomNames) {
      builder.styled(ROOM, "#" + room).append(" ");
    }
    return builder;
  }

  String stamp(Instant instant) {
    ZonedDateTime local;
    try {
      local = instant.atZone(clock.getZone());
    } catch (DateTimeException beyondTheCalendar) {
      // an Instant reaches a year further than a local date does
      return instant.toString();
    }
    LocalDate today = LocalDate.now(clock);
    return (local.toLocalDate().equals(today) ? time : dateAndTime).format(local);
  }

  /**
   * The line with each control character but a tab shown as U+FFFD: text from a server reaches the
   * terminal as it is, where an escape sequence in it could move the cursor, clear the screen or
   * retitle the window. The colours are styles, not characters, and stay.
   */
  static AttributedString visible(AttributedString line) {
    if (line.codePoints().noneMatch(Lines::isHidden)) {
      return line;
    }
    var builder = new AttributedStringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      builder.style(line.styleAt(i)).append(isHidden(c) ? '\uFFFD' : c);
    }
    return builder.toAttributedString();
  }

  private static boolean isHidden(int c) {
    return Character.isISOControl(c) && c != '\t';
  }

  // a frame from another server may lack a field that this one always sends
  static String orEmpty(String text) {
    return text == null ? "" : text;
  }

  static AttributedStyle nickStyle(String nick, String ownNick) {
    if (nick == null) {
      return PLAIN;
    }
    if (ownNick != null && ProtocolRules.canonical(nick).equals(ProtocolRules.canonical(ownNick))) {
      return OWN_NICK;
    }
    int colour =
        NICK_COLOURS[Math.floorMod(ProtocolRules.canonical(nick).hashCode(), NICK_COLOURS.length)];
    return PLAIN.foreground(colour);
  }

  /** Whether {@code text} names {@code nick} as a word of its own, in any letter case. */
  static boolean mentions(String text, String nick) {
    return Pattern.compile(
            "(?<![" + NICK_CHARS + "])" + Pattern.quote(nick) + "(?![" + NICK_CHARS + "])",
            Pattern.CASE_INSENSITIVE)
        .matcher(text)
        .find();
  }

  static String canonical(String nick) {
    return nick == null ? "" : ProtocolRules.canonical(nick);
  }

  static String count(long n, String noun) {
    return n + " " + noun + (n == 1 ? "" : "s");
  }

  static String seconds(Duration duration) {
    return Math.max(1, Math.round(duration.toMillis() / 1000.0)) + " s";
  }

  /** {@code head}, and after a colon the reason someone gave, if any. */
  static List<AttributedString> withReason(AttributedStringBuilder head, String reason) {
    return reason == null
        ? List.of(head.toAttributedString())
        : withText(head.append(": "), PLAIN, reason);
  }

  /** {@code head} followed by {@code text}, whose further lines are indented under its first. */
  static List<AttributedString> withText(
      AttributedStringBuilder head, AttributedStyle style, String text) {
    String indent = " ".repeat(head.length());
    String[] textLines = orEmpty(text).split("\n", -1);
    List<AttributedString> lines = new ArrayList<>();
    lines.add(head.styled(style, textLines[0]).toAttributedString());
    for (int i = 1; i < textLines.length; i++) {
      lines.add(
          new AttributedStringBuilder()
              .append(indent)
              .styled(style, textLines[i])
              .toAttributedString());
    }
    return lines;
  }
}
