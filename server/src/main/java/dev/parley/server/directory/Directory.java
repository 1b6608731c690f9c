package dev.parley.server.directory;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.NickSettings;
import dev.parley.server.settings.PresenceSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Who is online under which nick (case-insensitive), and when those who left were last seen. Nicks
 * are claimed by sessions and released when they end, or when they stop without saying so.
 */
public final class Directory extends AbstractBehavior<Directory.Command> {

  public sealed interface Command permits Claim, Release, ListUsers, SessionStopped {}

  /** Claims {@code nick} for {@code session}; without a nick the directory picks a guest nick. */
  public record Claim(String nick, ActorRef<?> session, ActorRef<ClaimResult> replyTo)
      implements Command {}

  public record Release(String nick) implements Command {}

  /** Everyone online, and with {@code sinceSeconds} also those who left that recently. */
  public record ListUsers(Long sinceSeconds, FrameId re, ActorRef<ServerFrame.Users> replyTo)
      implements Command {}

  // a session stopped without releasing its nick
  private record SessionStopped(String key, ActorRef<?> session) implements Command {}

  public sealed interface ClaimResult permits Claimed, ClaimRefused {}

  public record Claimed(String nick) implements ClaimResult {}

  public record ClaimRefused(ErrorCode code, String message) implements ClaimResult {}

  public static Behavior<Command> create(NickSettings nicks, PresenceSettings presence) {
    return Behaviors.setup(context -> new Directory(context, nicks, presence));
  }

  private record Online(String nick, ActorRef<?> session) {}

  private record Departed(String nick, Instant lastSeen) {}

  private final NickSettings nicks;
  private final PresenceSettings presence;
  private final Map<String, Online> online = new HashMap<>();
  // insertion order is departure order: the first entry left longest ago
  private final LinkedHashMap<String, Departed> departed = new LinkedHashMap<>();

  private Directory(ActorContext<Command> context, NickSettings nicks, PresenceSettings presence) {
    super(context);
    this.nicks = nicks;
    this.presence = presence;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(Release.class, this::onRelease)
        .onMessage(ListUsers.class, this::onListUsers)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .build();
  }

  private Behavior<Command> onClaim(Claim claim) {
    String nick = claim.nick() == null ? freeGuestNick() : claim.nick();
    String key = ProtocolRules.canonical(nick);
    if (online.containsKey(key)) {
      claim.replyTo().tell(new ClaimRefused(ErrorCode.NICK_TAKEN, "nick " + nick + " is taken"));
      return this;
    }
    online.put(key, new Online(nick, claim.session()));
    departed.remove(key);
    getContext().watchWith(claim.session(), new SessionStopped(key, claim.session()));
    claim.replyTo().tell(new Claimed(nick));
    return this;
  }

  private Behavior<Command> onRelease(Release release) {
    String key = ProtocolRules.canonical(release.nick());
    Online user = online.remove(key);
    if (user != null) {
      getContext().unwatch(user.session());
      remember(key, user.nick());
    }
    return this;
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    Online user = online.get(stopped.key());
    if (user != null && user.session().equals(stopped.session())) {
      online.remove(stopped.key());
      remember(stopped.key(), user.nick());
    }
    return this;
  }

  private Behavior<Command> onListUsers(ListUsers request) {
    Instant now = now();
    var users = new ArrayList<ServerFrame.UserPresence>();
    online
        .values()
        .forEach(user -> users.add(new ServerFrame.UserPresence(user.nick(), true, now)));
    if (request.sinceSeconds() != null) {
      Instant since = now.minusSeconds(request.sinceSeconds());
      departed.values().stream()
          .filter(user -> !user.lastSeen().isBefore(since))
          .forEach(
              user -> users.add(new ServerFrame.UserPresence(user.nick(), false, user.lastSeen())));
    }
    users.sort(Comparator.comparing(user -> ProtocolRules.canonical(user.nick())));
    request.replyTo().tell(new ServerFrame.Users(request.re(), users));
    return this;
  }

  private String freeGuestNick() {
    for (int number = 1; ; number++) {
      String nick = nicks.guestPrefix() + number;
      if (!online.containsKey(ProtocolRules.canonical(nick))) {
        return nick;
      }
    }
  }

  private void remember(String key, String nick) {
    departed.remove(key);
    departed.put(key, new Departed(nick, now()));
    Iterator<Departed> oldestFirst = departed.values().iterator();
    while (departed.size() > presence.rememberedUsers()) {
      oldestFirst.next();
      oldestFirst.remove();
    }
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
