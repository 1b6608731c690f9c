package dev.parley.server.irc;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The users whose QUIT a client was told: a user who leaves the server leaves each room it shares
 * with the client, but IRC tells its QUIT once. A user who joins a room again may quit again.
 */
final class ToldQuits {

  // enough for a burst of departures; the oldest is forgotten first
  private static final int MOST_REMEMBERED = 1024;

  private final Set<String> told = new LinkedHashSet<>();

  /**
   * Whether {@code event} needs this client's own look: a QUIT, which may be told already, or the
   * return of a user who quit.
   */
  boolean concerns(ServerFrame event) {
    return isQuit(event)
        || (event instanceof ServerFrame.MemberJoined joined
            && told.contains(ProtocolRules.canonical(joined.nick())));
  }

  /** Whether {@code event} goes to the client; a QUIT is remembered as told. */
  boolean toTell(ServerFrame event) {
    if (event instanceof ServerFrame.MemberJoined joined) {
      told.remove(ProtocolRules.canonical(joined.nick()));
      return true;
    }
    if (!isQuit(event)) {
      return true;
    }
    if (!told.add(nickOf(event))) {
      return false;
    }
    if (told.size() > MOST_REMEMBERED) {
      told.remove(told.iterator().next());
    }
    return true;
  }

  private static boolean isQuit(ServerFrame event) {
    return event instanceof ServerFrame.MemberLeft left
        && left.reason() != DepartureReason.LEFT
        && !IrcEvents.isKick(left);
  }

  private static String nickOf(ServerFrame event) {
    return ProtocolRules.canonical(((ServerFrame.MemberLeft) event).nick());
  }
}
