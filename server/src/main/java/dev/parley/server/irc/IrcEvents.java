package dev.parley.server.irc;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.WireFormat;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a room tells its members, as IRC lines: a message is a {@code PRIVMSG} (a notice a {@code
 * NOTICE}) to the channel (or several, for a text of several lines or a long one), a member's
 * arrival a {@code JOIN}, its departure a {@code PART}, {@code KICK} or {@code QUIT}, a new topic a
 * {@code TOPIC}, its away message an {@code AWAY} (for clients of {@code away-notify}). They depend
 * on the format only, never on the reader, so that each is made once for all readers of that
 * format.
 */
final class IrcEvents {

  private final IrcServer server;

  IrcEvents(IrcServer server) {
    this.server = server;
  }

  /** Whether {@code frame} is an event of a room that is told the same to all its members. */
  static boolean isRoomEvent(ServerFrame frame) {
    return frame instanceof ServerFrame.Message
        || frame instanceof ServerFrame.MemberJoined
        || frame instanceof ServerFrame.MemberLeft
        || frame instanceof ServerFrame.MemberAway
        || frame instanceof ServerFrame.Topic;
  }

  /** The lines of a room event in {@code format}. */
  List<IrcMessage> lines(ServerFrame frame, WireFormat format) {
    if (frame instanceof ServerFrame.Message message) {
      return message(message, format);
    } else if (frame instanceof ServerFrame.MemberJoined joined) {
      return List.of(
          line(
              format,
              joined.ts(),
              null,
              server.prefix(joined.nick()),
              "JOIN",
              channel(joined.room())));
    } else if (frame instanceof ServerFrame.MemberLeft left) {
      return List.of(departure(left, format));
    } else if (frame instanceof ServerFrame.MemberAway away) {
      String source = server.prefix(away.nick());
      return List.of(
          away.away() == null
              ? line(format, away.ts(), null, source, "AWAY")
              : line(format, away.ts(), null, source, "AWAY", away.away()));
    } else if (frame instanceof ServerFrame.Topic topic) {
      return List.of(
          line(
              format,
              topic.ts(),
              null,
              server.prefix(topic.by()),
              "TOPIC",
              channel(topic.room()),
              topic.topic()));
    }
    throw new IllegalArgumentException("not a room event: " + frame);
  }

  private IrcMessage departure(ServerFrame.MemberLeft left, WireFormat format) {
    String source = server.prefix(left.nick());
    if (left.reason() == DepartureReason.LEFT) {
      return line(format, left.ts(), null, source, "PART", channel(left.room()));
    }
    if (isKick(left)) {
      return kick(format, left.ts(), left.room(), left.by(), left.nick(), left.text());
    }
    // a quit's own words stand alone; any other reason says what it was
    String prefix = left.reason() == DepartureReason.QUIT ? "" : quitMessage(left.reason()) + ": ";
    String why =
        left.text() == null
            ? quitMessage(left.reason())
            : prefix + IrcText.oneLine(left.text(), textBudget(source, "QUIT", prefix));
    return line(format, left.ts(), null, source, "QUIT", why);
  }

  /** {@code by}'s KICK of {@code nick} out of {@code room}; without a text, IRC's reason is by. */
  IrcMessage kick(WireFormat format, Instant ts, String room, String by, String nick, String text) {
    String source = server.prefix(by);
    String channel = channel(room);
    String reason =
        text == null ? by : IrcText.oneLine(text, textBudget(source, "KICK", channel + " " + nick));
    return line(format, ts, null, source, "KICK", channel, nick, reason);
  }

  /** Whether a member left its room only, kicked out by an operator, and is still on the server. */
  static boolean isKick(ServerFrame.MemberLeft left) {
    return left.reason() == DepartureReason.KICKED && left.by() != null;
  }

  private List<IrcMessage> message(ServerFrame.Message message, WireFormat format) {
    String source = server.prefix(message.from());
    String target = channel(message.room());
    String msgid = message.room() + ":" + message.seq();
    String command = command(message.notice());
    var lines = new ArrayList<IrcMessage>();
    for (String text : IrcText.toIrc(message.text(), textBudget(source, command, target))) {
      // a msgid is one line's (IRCv3 message-ids): the lines after the first are room:seq.2, .3...
      String id = lines.isEmpty() ? msgid : msgid + "." + (lines.size() + 1);
      lines.add(line(format, message.ts(), id, source, command, target, text));
    }
    return lines;
  }

  /**
   * The bytes of text that fit a line from {@code source} with {@code command} to {@code target}.
   */
  static int textBudget(String source, String command, String target) {
    // ":" source " " command " " target " :" text CR LF
    return IrcServer.MAX_LINE_BYTES
        - 2
        - IrcText.utf8Length(":" + source + " " + command + " " + target + " :");
  }

  static IrcMessage line(
      WireFormat format,
      Instant ts,
      String msgid,
      String source,
      String command,
      String... params) {
    Map<String, String> tags = new LinkedHashMap<>();
    if (format != WireFormat.IRC && ts != null) {
      tags.put("time", IrcLines.serverTime(ts));
    }
    if (format == WireFormat.IRC_MESSAGE_TAGS && msgid != null) {
      tags.put("msgid", msgid);
    }
    return new IrcMessage(tags, source, command, List.of(params));
  }

  /** {@code NOTICE} for a Parley notice, else {@code PRIVMSG}. */
  static String command(Boolean notice) {
    return Boolean.TRUE.equals(notice) ? "NOTICE" : "PRIVMSG";
  }

  static String channel(String room) {
    return IrcServer.CHANNEL_PREFIX + room;
  }

  static String quitMessage(DepartureReason reason) {
    return switch (reason) {
      case QUIT -> "Quit";
      case DISCONNECTED -> "Connection closed";
      case KICKED -> "Kicked by an operator";
      case IDLE_TIMEOUT -> "Ping timeout";
      case SLOW_CONSUMER -> "Read too slowly";
      case FLOOD -> "Excess flood";
      case PROTOCOL_ERRORS -> "Too many bad lines";
      case SHUTDOWN -> "Server shutting down";
      case REPLACED -> "Logged in again elsewhere";
      default -> reason.wireName();
    };
  }
}
