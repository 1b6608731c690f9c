package dev.parley.server.irc;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/** Lines on their way to an IRC client, each ended with CR LF, as one piece of bytes. */
final class IrcLines {

  private static final DateTimeFormatter SERVER_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT)
          .withZone(ZoneOffset.UTC);
  private static final byte[] CRLF = {'\r', '\n'};

  private final ByteStringBuilder bytes = new ByteStringBuilder();

  IrcLines add(IrcMessage message) {
    bytes.putBytes(message.render().getBytes(StandardCharsets.UTF_8));
    bytes.putBytes(CRLF);
    return this;
  }

  IrcLines add(ByteString encoded) {
    bytes.append(encoded);
    return this;
  }

  /** {@code :server NUMERIC target params...}. */
  IrcLines numeric(IrcServer server, String numeric, String target, String... params) {
    var all = new String[params.length + 1];
    all[0] = target;
    System.arraycopy(params, 0, all, 1, params.length);
    return add(new IrcMessage(Map.of(), server.name(), numeric, List.of(all)));
  }

  boolean isEmpty() {
    return bytes.isEmpty();
  }

  ByteString result() {
    return bytes.result();
  }

  /** The {@code time} tag's value for {@code ts} (IRCv3 server-time). */
  static String serverTime(Instant ts) {
    return SERVER_TIME.format(ts);
  }
}
