package dev.parley.client.connection;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.StashBuffer;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.typed.javadsl.ActorSink;

/**
 * The client's side of a session: it connects, says hello, keeps the connection alive with pings,
 * turns what the user typed into frames, fills gaps, and after a lost connection reconnects with
 * backoff, says hello with the same nick and rejoins its rooms. Everything the user should see goes
 * to the {@link ChatView}.
 *
 * <p>A password, kept in memory only, goes out with a hello once the nick is known to be an
 * account: after the server asked for it, after a login with it, after {@code register}. So a
 * guest's nick never sends one, and a reconnect logs in again by itself.
 */
public final class Connection extends AbstractBehavior<Connection.Command> {

  public sealed interface Command
      permits Submit,
          SwitchRoom,
          TryNick,
          TryPassword,
          Close,
          LinkStarted,
          LinkEstablished,
          FrameArrived,
          LinkClosed,
          Reconnect,
          RetryHello,
          PingDue,
          QuitTimedOut {}

  /**
   * Carry out what the user typed. {@code replyTo} hears {@link Answered} once the server answered
   * it, or once it is clear that no answer will come (not sent, connection lost); or {@link
   * TryAgain} when it was not sent because the client is not connected now.
   */
  public record Submit(UserCommand command, ActorRef<Outcome> replyTo) implements Command {}

  /** Make {@code room}, one the user is in, the current room: where plain text goes. */
  public record SwitchRoom(String room) implements Command {}

  /**
   * Say hello again with another nick, after {@link ClientEvent.NickRefused} or {@link
   * ClientEvent.PasswordWanted}.
   */
  public record TryNick(String nick) implements Command {}

  /**
   * Say hello again with the same nick and this password, after {@link ClientEvent.PasswordWanted}.
   */
  public record TryPassword(String password) implements Command {

    // a record would print the password into logs and test reports
    @Override
    public String toString() {
      return "TryPassword[password hidden]";
    }
  }

  /** End the session: quit when connected, then stop, the client to exit with the status. */
  public record Close(String text, int exitStatus) implements Command {}

  /** What became of a {@link Submit}. */
  public sealed interface Outcome permits Answered, TryAgain {}

  public enum Answered implements Outcome {
    INSTANCE
  }

  /** Nothing was sent, for now: the same command may go once the client is connected. */
  public enum TryAgain implements Outcome {
    INSTANCE
  }

  private record LinkStarted(long link, ActorRef<Ack> ackTo) implements Command {}

  private record LinkEstablished(long link, boolean established) implements Command {}

  private record FrameArrived(long link, ServerFrame frame, ActorRef<Ack> ackTo)
      implements Command {}

  // cause null: the server closed the connection
  private record LinkClosed(long link, Throwable cause) implements Command {}

  private enum Reconnect implements Command {
    INSTANCE
  }

  private record RetryHello(long link) implements Command {}

  private enum PingDue implements Command {
    INSTANCE
  }

  private enum QuitTimedOut implements Command {
    INSTANCE
  }

  private enum Ack {
    INSTANCE
  }

  /** Why a frame this client sent is waiting for its answer. */
  private sealed interface Request permits Asked, Rejoin, AwayAgain, Fill, KeepAlive, Settle {}

  private record Asked(UserCommand command, ActorRef<Outcome> replyTo) implements Request {}

  private record Rejoin(String room) implements Request {}

  // the away message of the session before, set again on a new one
  private enum AwayAgain implements Request {
    INSTANCE
  }

  private record Fill(String room) implements Request {}

  private enum KeepAlive implements Request {
    INSTANCE
  }

  // its pong comes after the auto-joins of the welcome: from then on, input goes out
  private enum Settle implements Request {
    INSTANCE
  }

  private enum Phase {
    GREETING,
    CHATTING,
    WAITING,
    CLOSING
  }

  public static final int EXIT_OK = 0;
  public static final int EXIT_ERROR = 1;

  // a bye for these means the server or this connection had trouble, not that the user must go
  private static final Set<DepartureReason> RECONNECT_AFTER =
      Set.of(DepartureReason.SHUTDOWN, DepartureReason.IDLE_TIMEOUT, DepartureReason.SLOW_CONSUMER);

  public static Behavior<Command> create(ConnectionSettings settings, ChatView view) {
    return create(settings, null, view);
  }

  /** {@code password}: the nick's password, for when it is an account; may be null. */
  public static Behavior<Command> create(
      ConnectionSettings settings, String password, ChatView view) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers ->
                    Behaviors.withStash(
                        settings.outgoingBuffer(),
                        stash ->
                            new Connection(context, timers, stash, settings, password, view))));
  }

  private final TimerScheduler<Command> timers;
  private final StashBuffer<Command> stash;
  private final ConnectionSettings settings;
  private final Optional<TlsContext> tls;
  private final ChatView view;
  private final FrameCodec codec = new FrameCodec();
  private final Map<String, JoinedRoom> rooms = new LinkedHashMap<>();
  private final Map<FrameId, Request> requests = new HashMap<>();
  // canonical nicks this user blocks, as far as this client learned
  private final Set<String> blocked = new HashSet<>();
  private Phase phase = Phase.GREETING;
  private long link;
  private ServerLink server;
  private boolean linkUp;
  private DepartureReason byeReason;
  private String abortReason;
  private String nick;
  private FrameId helloId;
  private String password;
  private boolean helloNeedsPassword;
  private boolean helloHadPassword;
  // a hello was refused: the next one waits for the user's answer
  private boolean awaitingLogin;
  private boolean welcomedBefore;
  private boolean settled;
  private String currentRoom;
  // the user's away message, kept across reconnects; null, not away
  private String away;
  private int failedAttempts;
  private int heldNickAttempts;
  private boolean pingUnanswered;
  private boolean heardSincePing;
  private int closingStatus;
  private long nextId = 1;

  private Connection(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      StashBuffer<Command> stash,
      ConnectionSettings settings,
      String password,
      ChatView view) {
    super(context);
    this.timers = timers;
    this.stash = stash;
    this.settings = settings;
    this.tls = settings.tls().map(TlsContext::new);
    this.view = view;
    this.nick = settings.nick();
    this.password = password;
    connect();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(SwitchRoom.class, this::onSwitchRoom)
        .onMessage(TryNick.class, this::onTryNick)
        .onMessage(TryPassword.class, this::onTryPassword)
        .onMessage(Close.class, this::onClose)
        .onMessage(LinkStarted.class, this::onLinkStarted)
        .onMessage(LinkEstablished.class, this::onLinkEstablished)
        .onMessage(FrameArrived.class, this::onFrameArrived)
        .onMessage(LinkClosed.class, this::onLinkClosed)
        .onMessage(Reconnect.class, this::onReconnect)
        .onMessage(RetryHello.class, this::onRetryHello)
        .onMessage(PingDue.class, this::onPingDue)
        .onMessage(QuitTimedOut.class, this::onQuitTimedOut)
        .build();
  }

  private Behavior<Command> onSubmit(Submit submit) {
    UserCommand command = submit.command();
    if (command == UserCommand.Help.INSTANCE || command instanceof UserCommand.SwitchWindow) {
      submit.replyTo().tell(Answered.INSTANCE);
      return this;
    }
    if (command instanceof UserCommand.Quit quit) {
      return onQuit(quit, submit.replyTo());
    }
    if (command instanceof UserCommand.Register register && register.password() == null) {
      return notSent(submit, "no password given: nothing sent");
    }
    if (!settled && failedAttempts == 0 && phase != Phase.CLOSING && !stash.isFull()) {
      // the first connection is being made: what the user typed goes out once the session is ready
      stash.stash(submit);
      return this;
    }
    if (phase == Phase.CLOSING) {
      return notSent(submit, "quitting");
    }
    if (phase != Phase.CHATTING) {
      return notSentForNow(submit, "not connected: nothing sent, try again");
    }
    FrameId id = nextId();
    String current = currentRoom == null ? null : rooms.get(currentRoom).name();
    ClientFrame frame = CommandFrames.frameFor(id, command, current);
    if (frame == null) {
      return notSent(submit, "you are in no room: /join one first");
    }
    requests.put(id, new Asked(command, submit.replyTo()));
    if (!server.send(frame)) {
      requests.remove(id);
      return notSentForNow(submit, "too much is waiting to be sent: nothing sent, try again");
    }
    return this;
  }

  private Behavior<Command> onQuit(UserCommand.Quit quit, ActorRef<Outcome> replyTo) {
    if (phase == Phase.CLOSING) {
      replyTo.tell(Answered.INSTANCE);
      return this;
    }
    if (server == null || !linkUp) {
      replyTo.tell(Answered.INSTANCE);
      return finish("quit", EXIT_OK);
    }
    requests.put(quit(quit.text(), EXIT_OK), new Asked(quit, replyTo));
    return this;
  }

  private Behavior<Command> onSwitchRoom(SwitchRoom switchRoom) {
    String key = ProtocolRules.canonical(switchRoom.room());
    if (rooms.containsKey(key) && !key.equals(currentRoom)) {
      currentRoom = key;
      promptChanged();
    }
    return this;
  }

  private Behavior<Command> onTryNick(TryNick tryNick) {
    if (!awaitingLogin || phase == Phase.CLOSING) {
      return this;
    }
    nick = tryNick.nick();
    // the password belongs to the nick it was given for
    password = null;
    helloNeedsPassword = false;
    return helloAgain();
  }

  private Behavior<Command> onTryPassword(TryPassword tryPassword) {
    if (!awaitingLogin || phase == Phase.CLOSING) {
      return this;
    }
    password = tryPassword.password();
    helloNeedsPassword = true;
    return helloAgain();
  }

  private Behavior<Command> helloAgain() {
    awaitingLogin = false;
    if (server == null) {
      // the server closed the connection while the user was typing
      connect();
    } else {
      sayHello();
    }
    promptChanged();
    return this;
  }

  private Behavior<Command> onClose(Close close) {
    if (phase == Phase.CLOSING) {
      return this;
    }
    if (server != null && linkUp) {
      quit(close.text(), close.exitStatus());
      return this;
    }
    return finish("closed", close.exitStatus());
  }

  private Behavior<Command> onLinkStarted(LinkStarted started) {
    started.ackTo().tell(Ack.INSTANCE);
    return this;
  }

  private Behavior<Command> onLinkEstablished(LinkEstablished established) {
    if (established.link() == link && established.established()) {
      linkUp = true;
    }
    return this;
  }

  private Behavior<Command> onFrameArrived(FrameArrived arrived) {
    Behavior<Command> next = this;
    if (arrived.link() == link && server != null) {
      linkUp = true;
      heardSincePing = true;
      next = onFrame(arrived.frame());
    }
    arrived.ackTo().tell(Ack.INSTANCE);
    return next;
  }

  private Behavior<Command> onLinkClosed(LinkClosed closed) {
    if (closed.link() != link || server == null) {
      return this;
    }
    server = null;
    timers.cancel(PingDue.INSTANCE);
    Optional<String> refusal = ServerCertificateCheck.refusal(closed.cause());
    if (refusal.isPresent()) {
      // not a network error: a retry would meet the same certificate
      view.onEvent(
          new ClientEvent.CertificateRefused(settings.host(), settings.port(), refusal.get()));
      return finish("certificate refused", EXIT_ERROR);
    }
    if (phase == Phase.CLOSING) {
      return finish("quit", closingStatus);
    }
    forgetRequests();
    rooms.values().forEach(JoinedRoom::linkLost);
    if (awaitingLogin) {
      // the user is typing a nick or password: the client connects again with it
      phase = Phase.WAITING;
      view.onEvent(new ClientEvent.ConnectionLost(lossReason(closed.cause()), null));
      promptChanged();
      return this;
    }
    Duration retryIn =
        settings.reconnect().delay(failedAttempts++, ThreadLocalRandom.current().nextDouble());
    if (linkUp) {
      view.onEvent(new ClientEvent.ConnectionLost(lossReason(closed.cause()), retryIn));
    } else {
      view.onEvent(
          new ClientEvent.ConnectFailed(
              settings.host(), settings.port(), describe(closed.cause()), retryIn, welcomedBefore));
    }
    phase = Phase.WAITING;
    timers.startSingleTimer(Reconnect.INSTANCE, retryIn);
    promptChanged();
    // what was typed for the first connection: refused now, as while offline
    return stash.unstashAll(this);
  }

  private Behavior<Command> onReconnect(Reconnect reconnect) {
    if (phase == Phase.WAITING) {
      connect();
      promptChanged();
    }
    return this;
  }

  private Behavior<Command> onRetryHello(RetryHello retry) {
    if (retry.link() == link && server != null && phase == Phase.GREETING && !awaitingLogin) {
      sayHello();
    }
    return this;
  }

  private Behavior<Command> onPingDue(PingDue due) {
    if (phase != Phase.CHATTING) {
      return this;
    }
    if (pingUnanswered && !heardSincePing) {
      abortReason = "no answer from the server for " + settings.pingInterval().toSeconds() + " s";
      server.abort(new IOException(abortReason));
      return this;
    }
    send(KeepAlive.INSTANCE, ClientFrame.Ping::new);
    pingUnanswered = true;
    heardSincePing = false;
    return this;
  }

  private Behavior<Command> onQuitTimedOut(QuitTimedOut timedOut) {
    return phase == Phase.CLOSING ? finish("quit", closingStatus) : this;
  }

  private Behavior<Command> onFrame(ServerFrame frame) {
    if (frame instanceof ServerFrame.Welcome welcome) {
      return onWelcome(welcome);
    }
    if (frame instanceof ServerFrame.Joined joined) {
      return onJoined(joined);
    }
    if (frame instanceof ServerFrame.Message message) {
      return onMessage(message);
    }
    if (frame instanceof ServerFrame.Left left) {
      return outOf(left.room(), left);
    }
    if (frame instanceof ServerFrame.Kicked kicked) {
      return outOf(kicked.room(), kicked);
    }
    if (frame instanceof ServerFrame.Gap gap) {
      return onGap(gap);
    }
    if (frame instanceof ServerFrame.HistoryEnd end) {
      return onHistoryEnd(end);
    }
    if (frame instanceof ServerFrame.Pong pong) {
      return onPong(pong);
    }
    if (frame instanceof ServerFrame.Ok ok) {
      return onOk(ok);
    }
    if (frame instanceof ServerFrame.Error error) {
      return onError(error);
    }
    if (frame instanceof ServerFrame.Bye bye) {
      return onBye(bye);
    }
    if (frame instanceof ServerFrame.RoomList list && list.next() != null) {
      return onRoomListPage(list);
    }
    return show(frame);
  }

  /** A page of the rooms the user asked for, with more to come: it shows, and the next is asked. */
  private Behavior<Command> onRoomListPage(ServerFrame.RoomList page) {
    Request request = page.re() == null ? null : requests.get(page.re());
    if (!(request instanceof Asked asked)) {
      return show(page);
    }
    view.onFrame(page);
    requests.remove(page.re());
    FrameId id = nextId();
    requests.put(id, asked);
    if (!server.send(new ClientFrame.Rooms(id, page.next(), null))) {
      requests.remove(id);
      asked.replyTo().tell(Answered.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onWelcome(ServerFrame.Welcome welcome) {
    nick = welcome.nick();
    helloId = null;
    // logged in with the password: a reconnect sends it at once
    helloNeedsPassword = helloHadPassword;
    if (phase == Phase.CLOSING) {
      // quit was typed before the welcome: the bye is on its way
      view.onFrame(welcome);
      return this;
    }
    phase = Phase.CHATTING;
    failedAttempts = 0;
    heldNickAttempts = 0;
    pingUnanswered = false;
    timers.startTimerWithFixedDelay(PingDue.INSTANCE, settings.pingInterval());
    view.onFrame(welcome);
    if (welcomedBefore) {
      for (var entry : rooms.entrySet()) {
        JoinedRoom room = entry.getValue();
        // the replay is then what came after the last message shown, and a gap what more came
        send(
            new Rejoin(entry.getKey()),
            id -> new ClientFrame.Join(id, room.name(), room.lastSeqShown().orElse(null)));
      }
      if (away != null) {
        send(AwayAgain.INSTANCE, id -> new ClientFrame.Away(id, away));
      }
    }
    welcomedBefore = true;
    if (!settled) {
      send(Settle.INSTANCE, ClientFrame.Ping::new);
    }
    promptChanged();
    return this;
  }

  private Behavior<Command> onJoined(ServerFrame.Joined joined) {
    String key = ProtocolRules.canonical(joined.room());
    Request request = joined.re() == null ? null : requests.get(joined.re());
    boolean rejoin = request instanceof Rejoin;
    if (rejoin) {
      requests.remove(joined.re());
    }
    boolean again =
        rooms
            .computeIfAbsent(key, k -> new JoinedRoom(joined.room()))
            .joined(joined.room(), joined.replay());
    if (request instanceof Asked || currentRoom == null) {
      currentRoom = key;
    }
    // a rejoin of a room the server already auto-joined: the user saw that one
    if (!(rejoin && again)) {
      show(joined);
    }
    requestFill(key);
    promptChanged();
    return this;
  }

  private Behavior<Command> onMessage(ServerFrame.Message message) {
    String key = ProtocolRules.canonical(message.room());
    JoinedRoom room = rooms.get(key);
    Request request = message.re() == null ? null : requests.get(message.re());
    // the server withholds them live, but not from a replay or history
    boolean hidden = blocked.contains(ProtocolRules.canonical(message.from()));
    if (request instanceof Asked) {
      // the echo of your own say is a message shown like any other; a /history answer is old
      if (room != null && !Boolean.TRUE.equals(message.replay())) {
        room.shown(message);
      }
      return hidden ? this : show(message);
    }
    if (room == null) {
      return hidden ? this : show(message);
    }
    if (request instanceof Fill) {
      var step = room.fillMessage(message);
      step.lost().ifPresent(lost -> gapLost(room, lost));
      if (step.show() && !hidden) {
        view.onFrame(message);
      }
      return this;
    }
    if (Boolean.TRUE.equals(message.replay()) && room.takeReplay()) {
      if (room.alreadyShown(message)) {
        return this;
      }
      room.missedBefore(message).ifPresent(room::addGap);
    }
    room.shown(message);
    if (!hidden) {
      view.onFrame(message);
    }
    requestFill(key);
    return this;
  }

  /** The user is no longer in {@code room}, as {@code frame} (left, or kicked) says. */
  private Behavior<Command> outOf(String room, ServerFrame frame) {
    String key = ProtocolRules.canonical(room);
    rooms.remove(key);
    if (key.equals(currentRoom)) {
      currentRoom = latestRoom();
    }
    show(frame);
    promptChanged();
    return this;
  }

  private Behavior<Command> onGap(ServerFrame.Gap gap) {
    String key = ProtocolRules.canonical(gap.room());
    JoinedRoom room = rooms.get(key);
    view.onFrame(gap);
    if (room != null) {
      room.addGap(new JoinedRoom.SeqRange(gap.fromSeq(), gap.toSeq()));
      requestFill(key);
    }
    return this;
  }

  private Behavior<Command> onHistoryEnd(ServerFrame.HistoryEnd end) {
    Request request = end.re() == null ? null : requests.get(end.re());
    if (!(request instanceof Fill fill)) {
      return show(end);
    }
    requests.remove(end.re());
    JoinedRoom room = rooms.get(fill.room());
    if (room != null) {
      room.fillEnded().ifPresent(lost -> gapLost(room, lost));
      requestFill(fill.room());
    }
    return this;
  }

  private Behavior<Command> onPong(ServerFrame.Pong pong) {
    Request request = pong.re() == null ? null : requests.remove(pong.re());
    if (request == KeepAlive.INSTANCE) {
      pingUnanswered = false;
    } else if (request == Settle.INSTANCE) {
      settled = true;
      return stash.unstashAll(this);
    }
    return this;
  }

  private Behavior<Command> onOk(ServerFrame.Ok ok) {
    Request request = ok.re() == null ? null : requests.get(ok.re());
    if (request == AwayAgain.INSTANCE) {
      requests.remove(ok.re());
      return this;
    }
    if (!(request instanceof Asked asked)) {
      return show(ok);
    }
    requests.remove(ok.re());
    UserCommand command = asked.command();
    if (command instanceof UserCommand.Block block) {
      blocked.add(ProtocolRules.canonical(block.nick()));
      view.onEvent(new ClientEvent.Blocked(block.nick()));
    } else if (command instanceof UserCommand.Unblock unblock) {
      blocked.remove(ProtocolRules.canonical(unblock.nick()));
      view.onEvent(new ClientEvent.Unblocked(unblock.nick()));
    } else if (command instanceof UserCommand.Away set) {
      away = set.text();
      view.onEvent(new ClientEvent.AwayChanged(set.text()));
    } else if (command instanceof UserCommand.Register register) {
      password = register.password();
      helloNeedsPassword = true;
      view.onEvent(new ClientEvent.Registered(nick));
    } else {
      view.onFrame(ok);
    }
    asked.replyTo().tell(Answered.INSTANCE);
    return this;
  }

  private Behavior<Command> onHelloRefused(ServerFrame.Error error) {
    ErrorCode code = error.code();
    if (code == ErrorCode.AUTH_FAILED && nick != null && !helloHadPassword && password != null) {
      // the nick is an account: say hello again, with its password
      helloNeedsPassword = true;
      sayHello();
      return this;
    }
    if (code == ErrorCode.NICK_TAKEN
        && welcomedBefore
        && heldNickAttempts < settings.heldNickRetries()) {
      // most likely the lost session of this very client, which the server has not seen end yet
      Duration retryIn =
          settings.reconnect().delay(heldNickAttempts++, ThreadLocalRandom.current().nextDouble());
      view.onEvent(new ClientEvent.NickHeld(nick, retryIn));
      timers.startSingleTimer(new RetryHello(link), retryIn);
      return this;
    }
    awaitingLogin = true;
    if (nick != null && (code == ErrorCode.AUTH_FAILED || code == ErrorCode.LOCKED_OUT)) {
      if (code == ErrorCode.AUTH_FAILED && helloHadPassword) {
        password = null;
      }
      view.onEvent(new ClientEvent.PasswordWanted(nick, error, helloHadPassword));
    } else {
      view.onEvent(new ClientEvent.NickRefused(error));
    }
    return this;
  }

  private Behavior<Command> onError(ServerFrame.Error error) {
    FrameId re = error.re();
    if (re != null && re.equals(helloId)) {
      return onHelloRefused(error);
    }
    Request request = re == null ? null : requests.remove(re);
    if (request instanceof Fill fill && rooms.containsKey(fill.room())) {
      rooms.get(fill.room()).fillRefused();
    }
    view.onFrame(error);
    if (request instanceof Rejoin rejoin) {
      rooms.remove(rejoin.room());
      if (rejoin.room().equals(currentRoom)) {
        currentRoom = latestRoom();
      }
      promptChanged();
    }
    if (request instanceof Asked asked) {
      // what the server says it has: the client did not know of a block from an earlier session
      if (asked.command() instanceof UserCommand.Block block
          && error.code() == ErrorCode.ALREADY_BLOCKED) {
        blocked.add(ProtocolRules.canonical(block.nick()));
      } else if (asked.command() instanceof UserCommand.Unblock unblock
          && error.code() == ErrorCode.NOT_BLOCKED) {
        blocked.remove(ProtocolRules.canonical(unblock.nick()));
      }
      asked.replyTo().tell(Answered.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onBye(ServerFrame.Bye bye) {
    view.onFrame(bye);
    DepartureReason reason = bye.reason() == null ? DepartureReason.UNKNOWN : bye.reason();
    if (phase == Phase.CLOSING) {
      return finish("quit", closingStatus);
    }
    if (reason == DepartureReason.QUIT) {
      return finish("quit", EXIT_OK);
    }
    // a hello that took too long because the client waited: for the user, or to retry its nick
    if (RECONNECT_AFTER.contains(reason)
        || (reason == DepartureReason.HELLO_TIMEOUT && (awaitingLogin || welcomedBefore))) {
      byeReason = reason;
      server.close();
      return this;
    }
    return finish(reason.wireName(), EXIT_ERROR);
  }

  /** Shows a frame and, when it answers something the user asked, tells the asker. */
  private Behavior<Command> show(ServerFrame frame) {
    view.onFrame(frame);
    FrameId re = CommandFrames.answered(frame);
    if (re != null
        && requests.get(re) instanceof Asked asked
        && !(asked.command() instanceof UserCommand.ShowHistory
            && frame instanceof ServerFrame.Message)) {
      requests.remove(re);
      asked.replyTo().tell(Answered.INSTANCE);
    }
    return this;
  }

  private void connect() {
    long current = ++link;
    linkUp = false;
    byeReason = null;
    abortReason = null;
    phase = Phase.GREETING;
    var incoming =
        ActorSink.<ServerFrame, Command, Ack>actorRefWithBackpressure(
            getContext().getSelf(),
            (ackTo, frame) -> new FrameArrived(current, frame, ackTo),
            ackTo -> new LinkStarted(current, ackTo),
            Ack.INSTANCE,
            new LinkClosed(current, null),
            cause -> new LinkClosed(current, cause));
    view.onEvent(new ClientEvent.Connecting(settings.host(), settings.port(), tls.isPresent()));
    server = ServerLink.open(getContext().getSystem(), settings, tls, codec, incoming);
    getContext()
        .pipeToSelf(
            server.established(), (ok, failure) -> new LinkEstablished(current, failure == null));
    // queued until the TCP connection is up
    sayHello();
  }

  private void sayHello() {
    helloId = nextId();
    String sent = helloNeedsPassword && nick != null ? password : null;
    helloHadPassword = sent != null;
    // back after a lost connection, with the account's password: the server may not have seen
    // the lost connection end, and holds the nick for it
    Boolean takeOver = welcomedBefore && helloHadPassword ? Boolean.TRUE : null;
    server.send(new ClientFrame.Hello(helloId, nick, sent, settings.clientName(), takeOver));
  }

  private FrameId quit(String text, int exitStatus) {
    phase = Phase.CLOSING;
    closingStatus = exitStatus;
    FrameId id = nextId();
    server.send(new ClientFrame.Quit(id, text));
    timers.startSingleTimer(QuitTimedOut.INSTANCE, settings.quitTimeout());
    return id;
  }

  private void send(Request request, Function<FrameId, ClientFrame> frame) {
    FrameId id = nextId();
    requests.put(id, request);
    server.send(frame.apply(id));
  }

  private void requestFill(String key) {
    JoinedRoom room = rooms.get(key);
    if (phase == Phase.CHATTING && room != null && room.needsFill()) {
      FrameId id = nextId();
      requests.put(id, new Fill(key));
      server.send(room.startFill(id, settings.gapFillBatch()));
    }
  }

  private void gapLost(JoinedRoom room, JoinedRoom.SeqRange lost) {
    view.onEvent(new ClientEvent.GapLost(room.name(), lost.from(), lost.to()));
  }

  private Behavior<Command> notSent(Submit submit, String reason) {
    view.onEvent(new ClientEvent.NotSent(reason));
    submit.replyTo().tell(Answered.INSTANCE);
    return this;
  }

  private Behavior<Command> notSentForNow(Submit submit, String reason) {
    view.onEvent(new ClientEvent.NotSent(reason));
    submit.replyTo().tell(TryAgain.INSTANCE);
    return this;
  }

  private void forgetRequests() {
    for (Request request : requests.values()) {
      if (request instanceof Asked asked) {
        asked.replyTo().tell(Answered.INSTANCE);
      }
    }
    requests.clear();
  }

  private Behavior<Command> finish(String reason, int exitStatus) {
    timers.cancelAll();
    if (server != null) {
      server.close();
      server = null;
    }
    forgetRequests();
    view.onEvent(new ClientEvent.Closed(reason, exitStatus));
    return Behaviors.stopped();
  }

  private void promptChanged() {
    String room = currentRoom == null ? null : rooms.get(currentRoom).name();
    List<String> joined = rooms.values().stream().map(JoinedRoom::name).toList();
    view.onEvent(new ClientEvent.PromptChanged(nick, room, phase == Phase.CHATTING, joined));
  }

  private String latestRoom() {
    String latest = null;
    for (String key : rooms.keySet()) {
      latest = key;
    }
    return latest;
  }

  private FrameId nextId() {
    return FrameId.of(nextId++);
  }

  private String lossReason(Throwable cause) {
    // the stream may fail with its own words for an abort this actor asked for
    if (abortReason != null) {
      return abortReason;
    }
    if (cause != null) {
      return describe(cause);
    }
    return byeReason == null
        ? "the server closed the connection"
        : "the server said bye (" + byeReason.wireName() + ")";
  }

  /** The useful end of a stream failure's message, without Pekko's command dump. */
  private static String describe(Throwable cause) {
    if (cause == null) {
      return "the server closed the connection";
    }
    Throwable root = cause;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    // its message is only the host name, which the user sees beside it anyway
    if (root instanceof UnknownHostException
        || String.valueOf(root.getMessage()).contains(UnknownHostException.class.getName())) {
      return "unknown host";
    }
    String message =
        root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    int because = message.lastIndexOf("because of ");
    if (because >= 0) {
      message = message.substring(because + "because of ".length());
    }
    return message.replaceFirst("^[\\w.$]+(Exception|Error): ", "");
  }
}
