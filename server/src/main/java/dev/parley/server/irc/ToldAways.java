package dev.parley.server.irc;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The away messages a client of {@code away-notify} was told: each room a user shares with the
 * client tells its away message, but IRC tells an {@code AWAY} once for each change, and again
 * after each {@code JOIN} of a user who is away (IRCv3 away-notify).
 */
final class ToldAways {

  // enough for the users of a few busy channels; the oldest is forgotten first
  private static final int MOST_REMEMBERED = 1024;

  // canonical nick to the away message told, null for back
  private final Map<String, String> told = new LinkedHashMap<>();

  /** Whether {@code event} needs this client's own look: an away, or a join of a user told of. */
  boolean concerns(ServerFrame event) {
    return event instanceof ServerFrame.MemberAway
        || (event instanceof ServerFrame.MemberJoined joined
            && told.containsKey(ProtocolRules.canonical(joined.nick())));
  }

  /** Whether {@code event} goes to a client that {@code wantsAways}; an away told is remembered. */
  boolean toTell(ServerFrame event, boolean wantsAways) {
    if (event instanceof ServerFrame.MemberJoined joined) {
      told.remove(ProtocolRules.canonical(joined.nick()));
      return true;
    }
    if (!(event instanceof ServerFrame.MemberAway away)) {
      return true;
    }
    String nick = ProtocolRules.canonical(away.nick());
    if (!wantsAways || (told.containsKey(nick) && Objects.equals(told.get(nick), away.away()))) {
      return false;
    }
    told.remove(nick);
    told.put(nick, away.away());
    if (told.size() > MOST_REMEMBERED) {
      told.remove(told.keySet().iterator().next());
    }
    return true;
  }
}
