package dev.parley.server.irc;

import dev.parley.server.wire.WireFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The IRCv3 capabilities a client asked for and got ({@code CAP}), and so the form its lines take:
 * with the tags it can read, and the batches and echoes it wants.
 */
final class IrcCapabilities {

  static final String MESSAGE_TAGS = "message-tags";
  static final String SERVER_TIME = "server-time";
  static final String ECHO_MESSAGE = "echo-message";
  static final String BATCH = "batch";
  static final String CHATHISTORY = "draft/chathistory";
  static final String MULTI_PREFIX = "multi-prefix";
  static final String AWAY_NOTIFY = "away-notify";
  static final String SASL = "sasl";

  /** What the server offers, as {@code CAP LS} lists it; {@code sasl} with its mechanism. */
  static final List<String> OFFERED =
      List.of(
          MESSAGE_TAGS,
          SERVER_TIME,
          ECHO_MESSAGE,
          BATCH,
          CHATHISTORY,
          MULTI_PREFIX,
          AWAY_NOTIFY,
          SASL);

  private final Set<String> enabled = new LinkedHashSet<>();
  // CAP LS or REQ came before registration: it waits for CAP END
  private boolean negotiating;

  /** The offer, as {@code CAP LS 302} has it: values after the names that have them. */
  static String offer(boolean withValues) {
    return String.join(
        " ",
        OFFERED.stream()
            .map(cap -> withValues && cap.equals(SASL) ? SASL + "=PLAIN" : cap)
            .toList());
  }

  void startNegotiating() {
    negotiating = true;
  }

  void endNegotiating() {
    negotiating = false;
  }

  boolean negotiating() {
    return negotiating;
  }

  /**
   * Grants {@code requested} (names, each with {@code -} to disable it) all or nothing, as {@code
   * CAP REQ} asks; whether it did.
   */
  boolean request(List<String> requested) {
    for (String cap : requested) {
      String name = cap.startsWith("-") ? cap.substring(1) : cap;
      if (!OFFERED.contains(name.toLowerCase(Locale.ROOT))) {
        return false;
      }
    }
    for (String cap : requested) {
      if (cap.startsWith("-")) {
        enabled.remove(cap.substring(1).toLowerCase(Locale.ROOT));
      } else {
        enabled.add(cap.toLowerCase(Locale.ROOT));
      }
    }
    return true;
  }

  boolean has(String cap) {
    return enabled.contains(cap);
  }

  String list() {
    return String.join(" ", enabled);
  }

  /** The form of lines told to many clients that this client reads. */
  WireFormat format() {
    if (has(MESSAGE_TAGS)) {
      return WireFormat.IRC_MESSAGE_TAGS;
    }
    return has(SERVER_TIME) ? WireFormat.IRC_SERVER_TIME : WireFormat.IRC;
  }

  /** Whether a batch of history may be sent as one. */
  boolean batches() {
    return has(BATCH);
  }
}
