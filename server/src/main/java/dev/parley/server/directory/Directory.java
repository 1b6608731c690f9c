package dev.parley.server.directory;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import dev.parley.server.account.Account;
import dev.parley.server.directory.Presence.Online;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.persistence.Store;
import dev.parley.server.persistence.WriteBeingStored;
import dev.parley.server.quota.AddressQuota;
import dev.parley.server.serialization.CrossNode;
import dev.parley.server.session.inbox.SessionMessage;
import dev.parley.server.settings.AccountSettings;
import dev.parley.server.settings.NickSettings;
import dev.parley.server.settings.PresenceSettings;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.persistence.typed.PersistenceId;
import org.apache.pekko.persistence.typed.RecoveryCompleted;
import org.apache.pekko.persistence.typed.SnapshotAdapter;
import org.apache.pekko.persistence.typed.javadsl.CommandHandler;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EventHandler;
import org.apache.pekko.persistence.typed.javadsl.EventSourcedBehavior;
import org.apache.pekko.persistence.typed.javadsl.RetentionCriteria;
import org.apache.pekko.persistence.typed.javadsl.SignalHandler;

/**
 * Who is online under which nick (case-insensitive) and who was seen lately; the accounts with
 * their passwords and block lists; the routing of direct messages, and the mailboxes of those who
 * are offline. Accounts, blocks and mailboxes are stored, and a change is answered once it is.
 * Passwords are hashed and checked on their own dispatcher, never on this actor's.
 */
public final class Directory
    extends EventSourcedBehavior<Directory.Command, DirectoryEvent, DirectoryState> {

  public sealed interface Command extends CrossNode
      permits Claim,
          Release,
          ListUsers,
          Register,
          SendDirect,
          MayShare,
          Block,
          Unblock,
          SetAway,
          SessionStopped,
          Kick,
          PasswordChecked,
          PasswordHashed,
          TakeMail,
          FindPeer {}

  /**
   * Logs {@code session} in under {@code nick} (a guest nick when null), with the account's {@code
   * password} where it has one. {@code address} is where the client connects from. With {@code
   * takeOver} and the right password, a session that holds the nick is {@link Replaced} by this
   * one; a guest nick is never taken over.
   */
  public record Claim(
      String nick,
      String password,
      String address,
      ActorRef<Event> session,
      FrameId re,
      boolean takeOver)
      implements Command {

    // a password must not reach a log through a message printed whole
    @Override
    public String toString() {
      return "Claim[nick="
          + nick
          + ", address="
          + address
          + ", re="
          + re
          + ", takeOver="
          + takeOver
          + "]";
    }
  }

  /** The session logged in under {@code nick} ends; a session that took the nick over stays. */
  public record Release(String nick, ActorRef<Event> session) implements Command {}

  /** Everyone online, and with {@code sinceSeconds} also those who left that recently. */
  public record ListUsers(Long sinceSeconds, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /** Makes the online {@code nick}, connected from {@code address}, an account. */
  public record Register(
      String nick, String password, String address, FrameId re, ActorRef<Event> replyTo)
      implements Command {
    @Override
    public String toString() {
      return "Register[nick=" + nick + ", re=" + re + "]";
    }
  }

  /**
   * {@code notice} true: a notice, told as one to a recipient online; mail keeps its text. {@code
   * file}: the file the message shares, or null.
   */
  public record SendDirect(
      String from,
      String to,
      String text,
      FrameId re,
      ActorRef<Event> replyTo,
      Boolean notice,
      SharedFile file)
      implements Command {

    public SendDirect(
        String from, String to, String text, FrameId re, ActorRef<Event> replyTo, Boolean notice) {
      this(from, to, text, re, replyTo, notice, null);
    }

    public SendDirect(String from, String to, String text, FrameId re, ActorRef<Event> replyTo) {
      this(from, to, text, re, replyTo, null, null);
    }
  }

  /**
   * May {@code from} share a file with {@code to} (or in a room, when null)? {@code replyTo} is
   * told whether {@code from} is an account, and the refusal a {@code dm} would get.
   */
  public record MayShare(String from, String to, FrameId re, ActorRef<Sharer> replyTo)
      implements Command {}

  /** The answer to {@link MayShare}: {@code refusal}, answering its {@code re}, or none. */
  public record Sharer(boolean account, Optional<ServerFrame.Error> refusal) implements CrossNode {}

  public record Block(String nick, String target, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  public record Unblock(String nick, String target, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /**
   * The online {@code nick}, session {@code session}, is away with {@code away} as its message, or
   * back with none; answered {@code ok}.
   */
  public record SetAway(
      String nick, ActorRef<Event> session, String away, FrameId re, ActorRef<Event> replyTo)
      implements Command {}

  /**
   * Has the session of {@code nick} say {@code bye kicked}; answers whether anyone was. {@code
   * reason} may be null.
   */
  public record Kick(String nick, String reason, ActorRef<Boolean> replyTo) implements Command {}

  // a session stopped without releasing its nick
  private record SessionStopped(String key, ActorRef<Event> session) implements Command {}

  private record PasswordChecked(Claim claim, boolean matches) implements Command {}

  private record PasswordHashed(Register register, String hash) implements Command {}

  /**
   * The session of {@code nick} takes the oldest {@code count} messages kept for it, which came
   * with its {@link Claimed}: they are kept no longer, and it is told {@link MailTaken} once that
   * is stored.
   */
  public record TakeMail(String nick, int count, ActorRef<Event> replyTo) implements Command {}

  /**
   * Whether {@code to} is online to be asked by {@code from} to talk privately: neither blocks the
   * other, and it is someone else.
   */
  public record FindPeer(String from, String to, ActorRef<PeerFound> replyTo) implements Command {}

  /** The answer to {@link FindPeer}: the session of the one asked, or why not. */
  public sealed interface PeerFound extends CrossNode permits PeerOnline, PeerRefused {}

  public record PeerOnline(String nick, ActorRef<Event> session) implements PeerFound {}

  public record PeerRefused(ErrorCode code, String message) implements PeerFound {}

  /** What the directory tells a session. */
  public sealed interface Event extends SessionMessage, CrossNode
      permits Claimed, MailTaken, Answer, DirectReceived, BlocksChanged, Kicked, Replaced, Told {}

  /**
   * Logged in: the nicks the user blocks (canonical), and the mail that waited, oldest first.
   * {@code login} orders the logins of a nick: a later one has a higher number, so that a room can
   * tell the session that took a nick over from the one it replaced. {@code operator}: logged in
   * with the password of an account of the users file that {@code parley.accounts.operators} lists.
   */
  public record Claimed(
      String nick,
      Set<String> blocked,
      List<ServerFrame.Direct> mail,
      FrameId re,
      long login,
      boolean operator)
      implements Event {
    public Claimed {
      blocked = Set.copyOf(blocked);
      mail = List.copyOf(mail);
    }
  }

  /** The mail of a {@link TakeMail} is the session's to give: it is kept no longer. */
  public enum MailTaken implements Event {
    INSTANCE
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

  /** A frame for the session's user that no request of its own asked for, as a private offer. */
  public record Told(ServerFrame frame) implements Event {}

  /** The operator ends the session: it says {@code bye kicked}, with {@code reason} if any. */
  public record Kicked(String reason) implements Event {}

  /**
   * The account logged in again elsewhere and took the nick over: the session says {@code bye
   * replaced}.
   */
  public enum Replaced implements Event {
    INSTANCE
  }

  /**
   * @param listedAccounts the operator's accounts from the users file: their passwords count over
   *     those registered under the same nick
   */
  public static Behavior<Command> create(
      NickSettings nicks,
      AccountSettings accountSettings,
      PresenceSettings presence,
      List<Account> listedAccounts,
      int snapshotEvery,
      ServerMetrics metrics) {
    return Behaviors.setup(
        context ->
            new Directory(
                context, nicks, accountSettings, presence, listedAccounts, snapshotEvery, metrics));
  }

  private static final PersistenceId PERSISTENCE_ID = PersistenceId.ofUniqueId("directory");

  private final ActorContext<Command> context;
  private final NickSettings nicks;
  private final AccountSettings accountSettings;
  private final int snapshotEvery;
  private final PasswordChecks passwords;
  private final AddressQuota registrations;
  private final Presence presence;
  private final KnownUsers users;
  private final DirectMessages directMessages;
  private final WriteBeingStored<DirectoryState> beingStored;

  private Directory(
      ActorContext<Command> context,
      NickSettings nicks,
      AccountSettings accountSettings,
      PresenceSettings presence,
      List<Account> listedAccounts,
      int snapshotEvery,
      ServerMetrics metrics) {
    super(PERSISTENCE_ID, Store.RESTART_AFTER_FAILURE);
    this.context = context;
    this.nicks = nicks;
    this.accountSettings = accountSettings;
    this.presence = new Presence(presence.rememberedUsers());
    this.snapshotEvery = snapshotEvery;
    this.beingStored =
        new WriteBeingStored<>(() -> lastSequenceNumber(context), metrics::storeWrite);
    this.passwords =
        new PasswordChecks(
            accountSettings,
            context
                .getSystem()
                .dispatchers()
                .lookup(DispatcherSelector.fromConfig(accountSettings.hashingDispatcher())));
    this.registrations =
        new AddressQuota(
            accountSettings.registrationsPerAddress(), accountSettings.registrationWindow());
    this.users = new KnownUsers(listedAccounts, this.presence);
    this.directMessages =
        new DirectMessages(accountSettings, this.presence, users, beingStored, context.getSelf());
  }

  @Override
  public DirectoryState emptyState() {
    return DirectoryState.empty();
  }

  @Override
  public CommandHandler<Command, DirectoryEvent, DirectoryState> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(Claim.class, this::onClaim)
        .onCommand(PasswordChecked.class, this::onPasswordChecked)
        .onCommand(Release.class, this::onRelease)
        .onCommand(SessionStopped.class, this::onSessionStopped)
        .onCommand(ListUsers.class, this::onListUsers)
        .onCommand(Register.class, this::onRegister)
        .onCommand(PasswordHashed.class, this::onPasswordHashed)
        .onCommand(TakeMail.class, this::onTakeMail)
        .onCommand(SendDirect.class, (state, send) -> directMessages.send(state, send, Effect()))
        .onCommand(
            MayShare.class,
            (state, ask) -> {
              directMessages.answer(state, ask);
              return Effect().none();
            })
        .onCommand(Block.class, this::onBlock)
        .onCommand(Unblock.class, this::onUnblock)
        .onCommand(SetAway.class, this::onSetAway)
        .onCommand(Kick.class, this::onKick)
        .onCommand(FindPeer.class, this::onFindPeer)
        .build();
  }

  @Override
  public EventHandler<DirectoryState, DirectoryEvent> eventHandler() {
    return newEventHandlerBuilder().forAnyState().onAnyEvent(DirectoryState::apply);
  }

  @Override
  public SignalHandler<DirectoryState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(RecoveryCompleted.instance(), beingStored::recovered)
        .build();
  }

  @Override
  public RetentionCriteria retentionCriteria() {
    return RetentionCriteria.snapshotEvery(snapshotEvery, 2).withDeleteEventsOnSnapshot();
  }

  @Override
  public SnapshotAdapter<DirectoryState> snapshotAdapter() {
    return new SnapshotAdapter<>() {
      @Override
      public Object toJournal(DirectoryState state) {
        return state.toSnapshot();
      }

      @Override
      public DirectoryState fromJournal(Object snapshot) {
        return DirectoryState.fromSnapshot((DirectorySnapshot) snapshot);
      }
    };
  }

  private Effect<DirectoryEvent, DirectoryState> onClaim(DirectoryState state, Claim claim) {
    if (claim.nick() == null) {
      if (!accountSettings.allowGuests()) {
        refuse(claim, ErrorCode.AUTH_FAILED, "this server admits registered users only");
        return Effect().none();
      }
      return admit(state, claim, freeGuestNick(state), false);
    }
    String key = key(claim.nick());
    Account account = accountOf(state, key);
    if (claim.password() == null && account == null) {
      if (!accountSettings.allowGuests()) {
        refuse(claim, ErrorCode.AUTH_FAILED, "this server admits registered users only");
        return Effect().none();
      }
      return admit(state, claim, claim.nick(), false);
    }
    var refusal = passwords.refusalBeforeCheck(claim, key, account);
    if (refusal.isPresent()) {
      claim.session().tell(new Answer(refusal.get()));
    } else {
      context.pipeToSelf(
          passwords.check(claim, key, account.passwordHash()),
          (matches, failure) -> new PasswordChecked(claim, failure == null && matches));
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onPasswordChecked(
      DirectoryState state, PasswordChecked checked) {
    Claim claim = checked.claim();
    String key = key(claim.nick());
    Account account = accountOf(state, key);
    ServerFrame.Error refusal = passwords.checked(claim, key, checked.matches() && account != null);
    if (refusal == null) {
      if (claim.takeOver()) {
        replaceHolder(key, claim);
      }
      boolean operator = users.isListed(key) && accountSettings.isOperator(account.nick());
      return admit(state, claim, account.nick(), operator);
    }
    context.getLog().info("Failed login for {} from {}", claim.nick(), claim.address());
    claim.session().tell(new Answer(refusal));
    return Effect().none();
  }

  /** The session that holds the nick of {@code key}, if any, ends: the claim's takes its place. */
  private void replaceHolder(String key, Claim claim) {
    Online holder = presence.online(key);
    if (holder != null && !holder.session.equals(claim.session())) {
      context
          .getLog()
          .info(
              "{} logged in again from {}: replaces the session before",
              holder.nick,
              claim.address());
      context.unwatch(holder.session);
      // the user stays online: it is not remembered among those who left
      presence.replaced(key);
      holder.session.tell(Replaced.INSTANCE);
    }
  }

  /**
   * Logs the claim in, and gives it the mail kept for it; the mail is kept until the session says
   * it took it, so that a session gone before its welcome leaves it for the next login.
   */
  private Effect<DirectoryEvent, DirectoryState> admit(
      DirectoryState state, Claim claim, String nick, boolean operator) {
    String key = key(nick);
    if (presence.isOnline(key)) {
      refuse(claim, ErrorCode.NICK_TAKEN, "nick " + presence.online(key).nick + " is taken");
      return Effect().none();
    }
    presence.loggedIn(key, nick, claim.session());
    context.watchWith(claim.session(), new SessionStopped(key, claim.session()));
    List<ServerFrame.Direct> mail = directMessages.mailFor(state, key);
    claim
        .session()
        .tell(
            new Claimed(nick, blocksOf(state, key), mail, claim.re(), System.nanoTime(), operator));
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onTakeMail(TakeMail take) {
    Online holder = presence.online(key(take.nick()));
    if (holder == null || !holder.session.equals(take.replyTo())) {
      // replaced before its welcome: the mail stays for the session that took the nick over
      return Effect().none();
    }
    return beingStored.persist(
        Effect(),
        List.of(new DirectoryEvent.MailHandedOver(take.nick(), take.count())),
        () -> context.getSelf().tell(take),
        handedOver -> take.replyTo().tell(MailTaken.INSTANCE));
  }

  private void refuse(Claim claim, ErrorCode code, String message) {
    refuse(claim.session(), claim.re(), code, message);
  }

  private static void refuse(ActorRef<Event> replyTo, FrameId re, ErrorCode code, String message) {
    replyTo.tell(Answer.error(re, code, message));
  }

  private Effect<DirectoryEvent, DirectoryState> onRelease(Release release) {
    String key = key(release.nick());
    Online user = presence.online(key);
    if (user != null && user.session.equals(release.session())) {
      context.unwatch(user.session);
      presence.loggedOut(key);
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onSessionStopped(SessionStopped stopped) {
    Online user = presence.online(stopped.key());
    if (user != null && user.session.equals(stopped.session())) {
      presence.loggedOut(stopped.key());
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onListUsers(ListUsers request) {
    var users = presence.users(request.sinceSeconds());
    request.replyTo().tell(new Answer(new ServerFrame.Users(request.re(), users)));
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onRegister(
      DirectoryState state, Register register) {
    String key = key(register.nick());
    if (!accountSettings.registrationOpen()) {
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.REGISTRATION_CLOSED,
          "registration is closed on this server");
    } else if (accountOf(state, key) != null) {
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.ALREADY_REGISTERED,
          "nick " + register.nick() + " is an account already");
    } else if (!registrations.tryTake(register.address(), Instant.now())) {
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.REGISTRATION_CLOSED,
          "as many accounts as may be were made from your address lately; try again in "
              + registrations.minutesToWait(register.address(), Instant.now())
              + " min");
    } else if (!passwords.mayHash()) {
      register.replyTo().tell(new Answer(PasswordChecks.busy(register.re())));
    } else {
      context.pipeToSelf(
          passwords.hash(register.password()),
          (hash, failure) -> new PasswordHashed(register, hash));
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onPasswordHashed(
      DirectoryState state, PasswordHashed hashed) {
    passwords.hashed();
    Register register = hashed.register();
    String key = key(register.nick());
    Online user = presence.online(key);
    if (user == null || !user.session.equals(register.replyTo())) {
      return Effect().none();
    }
    if (hashed.hash() == null) {
      context.getLog().error("Could not hash the password of {}", register.nick());
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.REGISTRATION_CLOSED,
          "registration failed on the server; try again later");
      return Effect().none();
    }
    if (accountOf(state, key) != null) {
      // registered by an earlier request of the same session while this one was hashed
      refuse(
          register.replyTo(),
          register.re(),
          ErrorCode.ALREADY_REGISTERED,
          "nick " + register.nick() + " is an account already");
      return Effect().none();
    }
    var events = new ArrayList<DirectoryEvent>();
    events.add(new DirectoryEvent.AccountRegistered(user.nick, hashed.hash(), now()));
    if (!user.guestBlocks.isEmpty()) {
      events.add(new DirectoryEvent.BlocksSet(user.nick, user.guestBlocks));
    }
    return beingStored.persist(
        Effect(),
        events,
        () -> context.getSelf().tell(hashed),
        registered -> {
          // only now: a failed write registers the account again, with them
          user.guestBlocks.clear();
          context.getLog().info("{} registered", user.nick);
          register.replyTo().tell(new Answer(new ServerFrame.Ok(register.re())));
        });
  }

  private Effect<DirectoryEvent, DirectoryState> onSetAway(SetAway set) {
    Online user = presence.online(key(set.nick()));
    if (user != null && user.session.equals(set.session())) {
      user.away = set.away();
    }
    set.replyTo().tell(new Answer(new ServerFrame.Ok(set.re())));
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onBlock(DirectoryState state, Block block) {
    String key = key(block.nick());
    String target = key(block.target());
    Set<String> blocked = blocksOf(state, key);
    if (key.equals(target)) {
      refuse(block.replyTo(), block.re(), ErrorCode.SELF, "you cannot block yourself");
    } else if (!presence.isOnline(target) && accountOf(state, target) == null) {
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
      return changeBlocks(state, block, key, changed, block.re(), block.replyTo());
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onUnblock(DirectoryState state, Unblock unblock) {
    String key = key(unblock.nick());
    String target = key(unblock.target());
    Set<String> blocked = blocksOf(state, key);
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
      return changeBlocks(state, unblock, key, changed, unblock.re(), unblock.replyTo());
    }
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onKick(Kick kick) {
    Online user = presence.online(key(kick.nick()));
    if (user != null) {
      context
          .getLog()
          .info(
              "{} kicked by the operator: {}",
              user.nick,
              kick.reason() == null ? "no reason given" : kick.reason());
      user.session.tell(new Kicked(kick.reason()));
    }
    kick.replyTo().tell(user != null);
    return Effect().none();
  }

  private Effect<DirectoryEvent, DirectoryState> onFindPeer(DirectoryState state, FindPeer find) {
    String fromKey = key(find.from());
    String toKey = key(find.to());
    Online peer = presence.online(toKey);
    if (fromKey.equals(toKey)) {
      find.replyTo().tell(new PeerRefused(ErrorCode.SELF, "that is you"));
    } else if (peer == null) {
      find.replyTo()
          .tell(
              new PeerRefused(ErrorCode.NO_SUCH_USER, "nobody called " + find.to() + " is online"));
    } else if (blocksOf(state, toKey).contains(fromKey)
        || blocksOf(state, fromKey).contains(toKey)) {
      find.replyTo().tell(new PeerRefused(ErrorCode.BLOCKED, "one of you blocks the other"));
    } else {
      find.replyTo().tell(new PeerOnline(peer.nick, peer.session));
    }
    return Effect().none();
  }

  /** An account's blocks are stored before the answer; a guest's last as long as its session. */
  private Effect<DirectoryEvent, DirectoryState> changeBlocks(
      DirectoryState state,
      Command command,
      String key,
      Set<String> blocked,
      FrameId re,
      ActorRef<Event> replyTo) {
    Account account = accountOf(state, key);
    if (account == null) {
      Online user = presence.online(key);
      user.guestBlocks.clear();
      user.guestBlocks.addAll(blocked);
      replyTo.tell(new BlocksChanged(blocked, re));
      return Effect().none();
    }
    return beingStored.persist(
        Effect(),
        List.of(new DirectoryEvent.BlocksSet(account.nick(), blocked)),
        () -> context.getSelf().tell(command),
        stored -> replyTo.tell(new BlocksChanged(blocked, re)));
  }

  private Account accountOf(DirectoryState state, String key) {
    return users.accountOf(state, key);
  }

  private Set<String> blocksOf(DirectoryState state, String key) {
    return users.blocksOf(state, key);
  }

  private String freeGuestNick(DirectoryState state) {
    for (int number = 1; ; number++) {
      String nick = nicks.guestPrefix() + number;
      if (!presence.isOnline(key(nick)) && accountOf(state, key(nick)) == null) {
        return nick;
      }
    }
  }

  static String key(String nick) {
    return ProtocolRules.canonical(nick);
  }

  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
