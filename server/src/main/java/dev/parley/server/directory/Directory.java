package dev.parley.server.directory;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.account.LoginThrottle;
import dev.parley.server.account.PasswordHasher;
import dev.parley.server.settings.AccountSettings;
import dev.parley.server.settings.NickSettings;
import dev.parley.server.settings.PresenceSettings;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;

/**
 * Who is online under which nick (case-insensitive) and who was seen lately; the accounts with
 * their passwords and block lists; the routing of direct messages, and the mailboxes of those who
 * are offline. Passwords are hashed and checked on their own dispatcher, never on this actor's.
 */
public final class Directory extends AbstractBehavior<Directory.Command> {

  public sealed interface Command
      permits Claim,
          Release,
          ListUsers,
          Register,
          SendDirect,
          Block,
          Unblock,
          SessionStopped,
          Kick,
          PasswordChecked,
          PasswordHashed {}

  /**
   * Logs {@code session} in under {@code nick} (a guest nick when null), with the account's {@code
   * password} where it has one. {@code address} is where the client connects from.
   */
  public record Claim(
      String nick, String password, String address, ActorRef<Event> session, FrameId re)
      implements Command {
    // a password must not reach a log through a message printed whole
    @Override
    public String toString() {
      return "Claim[nick=" + nick + ", address=" + address + ", re=" + re + "]";
    }
  }

  public record Release(String nick) implements Command {}

  /** Everyone online, and with {@code sinceSeconds} also those who left that recently. */
  public record ListUsers(Long sinceSeconds, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /** Makes the online {@code nick} an account. */
  public record Register(String nick, String password, FrameId re, ActorRef<Event> replyTo)
      implements Command {
    @Override
    public String toString() {
      return "Register[nick=" + nick + ", re=" + re + "]";
    }
  }

  public record SendDirect(String from, String to, String text, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  public record Block(String nick, String target, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  public record Unblock(String nick, String target, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /** Has the session of {@code nick} say {@code bye kicked}; answers whether anyone was. */
  public record Kick(String nick, String reason, ActorRef<Boolean> replyTo) implements Command {}

  // a session stopped without releasing its nick
  private record SessionStopped(String key, ActorRef<Event> session) implements Command {}

  private record PasswordChecked(Claim claim, boolean matches) implements Command {}

  private record PasswordHashed(Register register, String hash) implements Command {}

  /** What the directory tells a session. */
  public sealed interface Event permits Claimed, Answer, DirectReceived, BlocksChanged, Kicked {}

  /** Logged in: the nicks the user blocks (canonical), and the mail that waited, oldest first. */
  public record Claimed(String nick, Set<String> blocked, List<ServerFrame.Direct> mail, FrameId re)
      implements Event {
    public Claimed {
      blocked = Set.copyOf(blocked);
      mail = List.copyOf(mail);
    }
  }

  /** The answer to one request of the session, refusals included. */
  public record Answer(ServerFrame frame) implements Event {

    static Answer error(FrameId re, ErrorCode code, String message) {
      return new Answer(new ServerFrame.Error(re, code, message, null));
    }
  }

  /** A direct message for the session's user, from someone else. */
  public record DirectReceived(ServerFrame.Direct frame) implements Event {}

  /** The answer to a block or unblock: the user's block list now (canonical nicks). */
  public record BlocksChanged(Set<String> blocked, FrameId re) implements Event {
    public BlocksChanged {
      blocked = Set.copyOf(blocked);
    }
  }

  /** The operator ends the session: it says {@code bye kicked} with {@code reason}. */
  public record Kicked(String reason) implements Event {}

  public static Behavior<Command> create(
      NickSettings nicks,
      AccountSettings accountSettings,
      PresenceSettings presence,
      List<Account> accounts,
      Mailboxes mailboxes) {
    return Behaviors.setup(
        context -> new Directory(context, nicks, accountSettings, presence, accounts, mailboxes));
  }

  private static final class Online {
    private final String nick;
    private final ActorRef<Event> session;
    // a guest's blocks last as long as the session; an account keeps its own
    private final Set<String> guestBlocks = new HashSet<>();

    Online(String nick, ActorRef<Event> session) {
      this.nick = nick;
      this.session = session;
    }
  }

  private record Departed(String nick, Instant lastSeen) {}

  private final NickSettings nicks;
  private final AccountSettings accountSettings;
  private final PresenceSettings presence;
  private final Mailboxes mailboxes;
  private final PasswordHasher hasher;
  private final Executor hashing;
  private final LoginThrottle throttle;
  private final Map<String, Account> accounts = new HashMap<>();
  private final Map<String, Online> online = new HashMap<>();
  // accounts whose password is being checked right now
  private final Set<String> verifying = new HashSet<>();
  // insertion order is departure order: the first entry left longest ago
  private final LinkedHashMap<String, Departed> departed = new LinkedHashMap<>();

  private Directory(
      ActorContext<Command> context,
      NickSettings nicks,
      AccountSettings accountSettings,
      PresenceSettings presence,
      List<Account> initialAccounts,
      Mailboxes mailboxes) {
    super(context);
    this.nicks = nicks;
    this.accountSettings = accountSettings;
    this.presence = presence;
    this.mailboxes = mailboxes;
    this.hasher = new PasswordHasher(accountSettings.argon2());
    this.hashing =
        context
            .getSystem()
            .dispatchers()
            .lookup(DispatcherSelector.fromConfig(accountSettings.hashingDispatcher()));
    this.throttle =
        new LoginThrottle(
            accountSettings.maxFailedLogins(),
            accountSettings.maxFailedLoginsPerAddress(),
            accountSettings.failedLoginWindow(),
            accountSettings.lockout());
    initialAccounts.forEach(account -> accounts.put(key(account.nick()), account));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Claim.class, this::onClaim)
        .onMessage(PasswordChecked.class, this::onPasswordChecked)
        .onMessage(Release.class, this::onRelease)
        .onMessage(SessionStopped.class, this::onSessionStopped)
        .onMessage(ListUsers.class, this::onListUsers)
        .onMessage(Register.class, this::onRegister)
        .onMessage(PasswordHashed.class, this::onPasswordHashed)
        .onMessage(SendDirect.class, this::onSendDirect)
        .onMessage(Block.class, this::onBlock)
        .onMessage(Unblock.class, this::onUnblock)
        .onMessage(Kick.class, this::onKick)
        .build();
  }

  private Behavior<Command> onClaim(Claim claim) {
    if (claim.nick() == null) {
      if (!accountSettings.allowGuests()) {
        refuse(claim, ErrorCode.AUTH_FAILED, "this server admits registered users only");
      } else {
        admit(claim, freeGuestNick());
      }
      return this;
    }
    String key = key(claim.nick());
    Account account = accounts.get(key);
    if (claim.password() == null && account == null) {
      if (!accountSettings.allowGuests()) {
        refuse(claim, ErrorCode.AUTH_FAILED, "this server admits registered users only");
      } else {
        admit(claim, claim.nick());
      }
      return this;
    }
    var lockedOut = throttle.lockedOutFor(key, claim.address(), Instant.now());
    if (lockedOut.isPresent() || verifying.contains(key)) {
      // one check at a time per account: guesses cannot queue up hashes faster than they fail
      long seconds = lockedOut.map(wait -> (wait.toMillis() + 999) / 1000).orElse(1L);
      claim
          .session()
          .tell(
              new Answer(
                  new ServerFrame.Error(
                      claim.re(),
                      ErrorCode.LOCKED_OUT,
                      "too many failed logins; try again in " + seconds + " s",
                      seconds)));
    } else if (claim.password() == null) {
      // no password guesses nothing, so it is no failed login
      refuse(
          claim,
          ErrorCode.AUTH_FAILED,
          "nick " + account.nick() + " is registered; give its password");
    } else if (account == null) {
      throttle.failed(null, claim.address(), Instant.now());
      refuse(claim, ErrorCode.AUTH_FAILED, "no account matches that nick and password");
    } else {
      String hash = account.passwordHash();
      verifying.add(key);
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> hasher.verify(claim.password(), hash), hashing),
              (matches, failure) -> new PasswordChecked(claim, failure == null && matches));
    }
    return this;
  }

  private Behavior<Command> onPasswordChecked(PasswordChecked checked) {
    Claim claim = checked.claim();
    String key = key(claim.nick());
    verifying.remove(key);
    Account account = accounts.get(key);
    if (checked.matches() && account != null) {
      throttle.succeeded(key);
      admit(claim, account.nick());
    } else {
      throttle.failed(key, claim.address(), Instant.now());
      getContext().getLog().info("Failed login for {} from {}", claim.nick(), claim.address());
      refuse(claim, ErrorCode.AUTH_FAILED, "no account matches that nick and password");
    }
    return this;
  }

  private void admit(Claim claim, String nick) {
    String key = key(nick);
    if (online.containsKey(key)) {
      refuse(claim, ErrorCode.NICK_TAKEN, "nick " + online.get(key).nick + " is taken");
      return;
    }
    online.put(key, new Online(nick, claim.session()));
    departed.remove(key);
    getContext().watchWith(claim.session(), new SessionStopped(key, claim.session()));
    claim.session().tell(new Claimed(nick, blocksOf(key), mailboxes.collect(key), claim.re()));
  }

  private void refuse(Claim claim, ErrorCode code, String message) {
    refuse(claim.session(), claim.re(), code, message);
  }

  private static void refuse(ActorRef<Event> replyTo, FrameId re, ErrorCode code, String message) {
    replyTo.tell(Answer.error(re, code, message));
  }

  private Behavior<Command> onRelease(Release release) {
    String key = key(release.nick());
    Online user = online.remove(key);
    if (user != null) {
      getContext().unwatch(user.session);
      remember(key, user.nick);
    }
    return this;
  }

  private Behavior<Command> onSessionStopped(SessionStopped stopped) {
    Online user = online.get(stopped.key());
    if (user != null && user.session.equals(stopped.session())) {
      online.remove(stopped.key());
      remember(stopped.key(), user.nick);
    }
    return this;
  }

  private Behavior<Command> onListUsers(ListUsers request) {
    Instant now = now();
    var users = new ArrayList<ServerFrame.UserPresence>();
    online.values().forEach(user -> users.add(new ServerFrame.UserPresence(user.nick, true, now)));
    if (request.sinceSeconds() != null) {
      // since_s may be any long; reaching back before 1970 already includes everyone
      Instant since = now.minusSeconds(Math.min(request.sinceSeconds(), now.getEpochSecond()));
      departed.values().stream()
          .filter(user -> !user.lastSeen().isBefore(since))
          .forEach(
              user -> users.add(new ServerFrame.UserPresence(user.nick(), false, user.lastSeen())));
    }
    users.sort(Comparator.comparing(user -> key(user.nick())));
    request.replyTo().tell(new Answer(new ServerFrame.Users(request.re(), users)));
    return this;
  }

  private Behavior<Command> onRegister(Register register) {
    String key = key(register.nick());
    if (!accountSettings.registrationOpen()) {
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.REGISTRATION_CLOSED,
          "registration is closed on this server");
    } else if (accounts.containsKey(key)) {
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.ALREADY_REGISTERED,
          "nick " + register.nick() + " is an account already");
    } else {
      getContext()
          .pipeToSelf(
              CompletableFuture.supplyAsync(() -> hasher.hash(register.password()), hashing),
              (hash, failure) -> new PasswordHashed(register, hash));
    }
    return this;
  }

  private Behavior<Command> onPasswordHashed(PasswordHashed hashed) {
    Register register = hashed.register();
    String key = key(register.nick());
    Online user = online.get(key);
    if (user == null || !user.session.equals(register.replyTo())) {
      return this;
    }
    if (hashed.hash() == null) {
      getContext().getLog().error("Could not hash the password of {}", register.nick());
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.REGISTRATION_CLOSED,
          "registration failed on the server; try again later");
      return this;
    }
    accounts.put(key, new Account(user.nick, hashed.hash(), user.guestBlocks));
    user.guestBlocks.clear();
    getContext().getLog().info("{} registered", user.nick);
    register.replyTo().tell(new Answer(new ServerFrame.Ok(register.re())));
    return this;
  }

  private Behavior<Command> onSendDirect(SendDirect send) {
    String fromKey = key(send.from());
    String toKey = key(send.to());
    Online recipient = online.get(toKey);
    Account account = accounts.get(toKey);
    if (fromKey.equals(toKey)) {
      refuse(send.replyTo(), send.re(), ErrorCode.SELF, "that is you");
    } else if (recipient == null && account == null) {
      refuse(
          send.replyTo(),
          send.re(),
          ErrorCode.NO_SUCH_USER,
          "nobody called " + send.to() + " is online or registered");
    } else if (blocksOf(toKey).contains(fromKey)) {
      refuse(
          send.replyTo(), send.re(), ErrorCode.BLOCKED, send.to() + " does not take your messages");
    } else if (recipient != null) {
      Instant ts = now();
      recipient.session.tell(
          new DirectReceived(
              new ServerFrame.Direct(
                  null, send.from(), recipient.nick, send.text(), ts, null, null)));
      send.replyTo()
          .tell(
              new Answer(
                  new ServerFrame.Direct(
                      send.re(), send.from(), recipient.nick, send.text(), ts, null, null)));
    } else {
      Instant ts = now();
      var kept =
          new ServerFrame.Direct(null, send.from(), account.nick(), send.text(), ts, true, null);
      if (mailboxes.deposit(toKey, kept)) {
        send.replyTo()
            .tell(
                new Answer(
                    new ServerFrame.Direct(
                        send.re(), send.from(), account.nick(), send.text(), ts, null, true)));
      } else {
        refuse(
            send.replyTo(),
            send.re(),
            ErrorCode.MAILBOX_FULL,
            account.nick() + "'s mailbox is full");
      }
    }
    return this;
  }

  private Behavior<Command> onBlock(Block block) {
    String key = key(block.nick());
    String target = key(block.target());
    Set<String> blocked = blocksOf(key);
    if (key.equals(target)) {
      refuse(block.replyTo(), block.re(), ErrorCode.SELF, "you cannot block yourself");
    } else if (!online.containsKey(target) && !accounts.containsKey(target)) {
      refuse(
          block.replyTo(),
          block.re(),
          ErrorCode.NO_SUCH_USER,
          "nobody called " + block.target() + " is online or registered");
    } else if (blocked.contains(target)) {
      refuse(
          block.replyTo(),
          block.re(),
          ErrorCode.ALREADY_BLOCKED,
          "you block " + block.target() + " already");
    } else {
      var changed = new HashSet<>(blocked);
      changed.add(target);
      changeBlocks(key, changed, block.re(), block.replyTo());
    }
    return this;
  }

  private Behavior<Command> onUnblock(Unblock unblock) {
    String key = key(unblock.nick());
    String target = key(unblock.target());
    Set<String> blocked = blocksOf(key);
    if (key.equals(target)) {
      refuse(unblock.replyTo(), unblock.re(), ErrorCode.SELF, "you cannot block yourself");
    } else if (!blocked.contains(target)) {
      refuse(
          unblock.replyTo(),
          unblock.re(),
          ErrorCode.NOT_BLOCKED,
          "you do not block " + unblock.target());
    } else {
      var changed = new HashSet<>(blocked);
      changed.remove(target);
      changeBlocks(key, changed, unblock.re(), unblock.replyTo());
    }
    return this;
  }

  private Behavior<Command> onKick(Kick kick) {
    Online user = online.get(key(kick.nick()));
    if (user != null) {
      getContext().getLog().info("{} kicked by the operator: {}", user.nick, kick.reason());
      user.session.tell(new Kicked(kick.reason()));
    }
    kick.replyTo().tell(user != null);
    return this;
  }

  private void changeBlocks(String key, Set<String> blocked, FrameId re, ActorRef<Event> replyTo) {
    Account account = accounts.get(key);
    if (account != null) {
      accounts.put(key, account.withBlocked(blocked));
    } else {
      Online user = online.get(key);
      user.guestBlocks.clear();
      user.guestBlocks.addAll(blocked);
    }
    replyTo.tell(new BlocksChanged(blocked, re));
  }

  private Set<String> blocksOf(String key) {
    Account account = accounts.get(key);
    if (account != null) {
      return account.blocked();
    }
    Online user = online.get(key);
    return user == null ? Set.of() : Set.copyOf(user.guestBlocks);
  }

  private String freeGuestNick() {
    for (int number = 1; ; number++) {
      String nick = nicks.guestPrefix() + number;
      if (!online.containsKey(key(nick)) && !accounts.containsKey(key(nick))) {
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

  private static String key(String nick) {
    return ProtocolRules.canonical(nick);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
