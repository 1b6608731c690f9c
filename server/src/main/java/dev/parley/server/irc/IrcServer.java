package dev.parley.server.irc;

import dev.parley.server.Banner;
import dev.parley.server.settings.ParleySettings;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What every IRC connection of one server is told about it: its name as a message source, the host
 * of its users' prefixes, its limits in ISUPPORT, its MOTD. The same for all connections, so that a
 * room's events have the same bytes for all IRC members.
 */
record IrcServer(
    String name,
    String network,
    String userHost,
    String created,
    List<String> isupport,
    Optional<String> password) {

  /** The longest a line may be, its CR LF counted, tags not (RFC 1459). */
  static final int MAX_LINE_BYTES = 512;

  /** The most names in one {@code 353} reply, well within a line. */
  static final int NAMES_PER_REPLY = 20;

  static final String CHANNEL_PREFIX = "#";

  static IrcServer of(ParleySettings settings) {
    String name = hostLike(settings.serverName());
    int topicLen = Math.min(settings.protocol().maxTopicBytes(), 390);
    int awayLen = Math.min(settings.protocol().maxAwayBytes(), 390);
    var isupport =
        List.of(
            "CASEMAPPING=ascii",
            "CHANTYPES=" + CHANNEL_PREFIX,
            "CHANNELLEN=" + (1 + 32),
            "NICKLEN=16",
            "TOPICLEN=" + topicLen,
            "AWAYLEN=" + awayLen,
            "PREFIX=",
            "CHANMODES=,,,n",
            "CHANLIMIT=" + CHANNEL_PREFIX + ":",
            "TARGMAX=JOIN:,PART:,PRIVMSG:1,NOTICE:1,NAMES:1,WHOIS:1",
            "NETWORK=" + name,
            "CHATHISTORY=" + settings.rooms().maxHistoryPageSize(),
            "UTF8ONLY");
    return new IrcServer(
        name,
        name,
        name,
        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT)
            .withZone(ZoneOffset.UTC)
            .format(Instant.now()),
        isupport,
        settings.irc().password());
  }

  /** The server's version, as 002 and 004 tell it. */
  String version() {
    return "parley-" + Banner.VERSION;
  }

  /** {@code nick!nick@host}: Parley has no user names apart from nicks. */
  String prefix(String nick) {
    return nick + "!" + nick + "@" + userHost;
  }

  /** A name fit to be an IRC source: no spaces, no {@code !} or {@code @}. */
  private static String hostLike(String serverName) {
    String cleaned = serverName.trim().replaceAll("[\\s!@:,*?]+", "-");
    return cleaned.isEmpty() ? "parley" : cleaned;
  }
}
