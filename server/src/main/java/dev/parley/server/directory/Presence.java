package dev.parley.server.directory;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who is online, by canonical nick, and who left lately: the directory's view of its users, as
 * {@code users} lists them. Kept in memory only: a start has nobody online.
 */
final class Presence {

  /** A user online: its session, and what lasts only as long as that session. */
  static final class Online {
    final String nick;
    final ActorRef<Directory.Event> session;
    // a guest's blocks last as long as the session; an account keeps its own
    final Set<String> guestBlocks = new HashSet<>();
    // null, not away
    String away;

    private Online(String nick, ActorRef<Directory.Event> session) {
      this.nick = nick;
      this.session = session;
    }
  }

  private record Departed(String nick, Instant lastSeen) {}

  private final int rememberedUsers;
  private final Map<String, Online> online = new HashMap<>();
  // insertion order is departure order: the first entry left longest ago
  private final LinkedHashMap<String, Departed> departed = new LinkedHashMap<>();

  Presence(int rememberedUsers) {
    this.rememberedUsers = rememberedUsers;
  }

  /** The user online under the canonical nick {@code key}, or null. */
  Online online(String key) {
    return online.get(key);
  }

  boolean isOnline(String key) {
    return online.containsKey(key);
  }

  void loggedIn(String key, String nick, ActorRef<Directory.Event> session) {
    online.put(key, new Online(nick, session));
    departed.remove(key);
  }

  /** The session of {@code key} ends, but its user stays online: another session takes over. */
  void replaced(String key) {
    online.remove(key);
  }

  /** The user of {@code key} left; it is remembered among those who did. */
  void loggedOut(String key) {
    Online user = online.remove(key);
    if (user == null) {
      return;
    }
    departed.remove(key);
    departed.put(key, new Departed(user.nick, now()));
    Iterator<Departed> oldestFirst = departed.values().iterator();
    while (departed.size() > rememberedUsers) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }

  /** Everyone online, and with {@code sinceSeconds} also those who left that recently, by nick. */
  List<ServerFrame.UserPresence> users(Long sinceSeconds) {
    Instant now = now();
    var users = new ArrayList<ServerFrame.UserPresence>();
    online
        .values()
        .forEach(user -> users.add(new ServerFrame.UserPresence(user.nick, true, now, user.away)));
    if (sinceSeconds != null) {
      // since_s may be any long; reaching back before 1970 already includes everyone
      Instant since = now.minusSeconds(Math.min(sinceSeconds, now.getEpochSecond()));
      departed.values().stream()
          .filter(user -> !user.lastSeen().isBefore(since))
          .forEach(
              user -> users.add(new ServerFrame.UserPresence(user.nick(), false, user.lastSeen())));
    }
    users.sort(Comparator.comparing(user -> ProtocolRules.canonical(user.nick())));
    return users;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
