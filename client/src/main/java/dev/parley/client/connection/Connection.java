package dev.parley.client.connection;

import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.RequestsInFlight.Asked;
import dev.parley.client.connection.RequestsInFlight.AwayAgain;
import dev.parley.client.connection.RequestsInFlight.Fill;
import dev.parley.client.connection.RequestsInFlight.ForPeers;
import dev.parley.client.connection.RequestsInFlight.KeepAlive;
import dev.parley.client.connection.RequestsInFlight.Rejoin;
import dev.parley.client.connection.RequestsInFlight.Request;
import dev.parley.client.connection.RequestsInFlight.RoomNames;
import dev.parley.client.connection.RequestsInFlight.Settle;
import dev.parley.client.files.FileSharing;
import dev.parley.client.peer.PeerEvent;
import dev.parley.client.peer.Peers;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
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
          IsAccount,
          FetchRoomNames,
          Close,
          LinkStarted,
          LinkEstablished,
          FrameArrived,
          LinkClosed,
          Reconnect,
          RetryHello,
          PingDue,
          QuitTimedOut,
          ShowPrivate,
          SendForPeers {}

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

  /**
   * Whether the session is logged in to an account (with its password, or since it registered):
   * {@code replyTo} hears true or false.
   */
  public record IsAccount(ActorRef<Boolean> replyTo) implements Command {}

  /**
   * The names of the server's rooms, for completion: asked of the server without showing the list;
   * {@code replyTo} hears them (none when not connected, or what came before a failure).
   */
  public record FetchRoomNames(ActorRef<List<String>> replyTo) implements Command {}

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

  // what the private conversations show and send go through the connection, in its order
  private record ShowPrivate(PeerEvent event) implements Command {}

  private record SendForPeers(Peers.ToServer send) implements Command {}

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
  private final CurrentLink link;
  private final ChatView view;
  private final JoinedRooms rooms = new JoinedRooms();
  private final RequestsInFlight requests = new RequestsInFlight();
  private final Login login;
  private final Blocks blocks = new Blocks();
  private final ActorRef<Peers.Command> peers;
  private final ActorRef<FileSharing.Command> files;
  private Phase phase = Phase.GREETING;
  private boolean welcomedBefore;
  private boolean settled;
  // the user's away message, kept across reconnects; null, not away
  private String away;
  private int closingStatus;

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
    this.link = new CurrentLink(settings);
    var sharing = FileSharing.attach(context, context.getSelf(), view);
    this.files = sharing.actor();
    this.view = sharing.view();
    this.login = new Login(settings, password);
    this.peers =
        context.spawn(
            Peers.create(
                settings.peers(),
                context.messageAdapter(Peers.ToServer.class, SendForPeers::new),
                context.messageAdapter(PeerEvent.class, ShowPrivate::new)),
            "peers");
    connect();
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Submit.class, this::onSubmit)
        .onMessage(SwitchRoom.class, this::onSwitchRoom)
        .onMessage(TryNick.class, this::onTryNick)
        .onMessage(TryPassword.class, this::onTryPassword)
        .onMessage(
            IsAccount.class,
            asked -> {
              asked.replyTo().tell(phase == Phase.CHATTING && login.isAccount());
              return this;
            })
        .onMessage(FetchRoomNames.class, this::onFetchRoomNames)
        .onMessage(Close.class, this::onClose)
        .onMessage(LinkStarted.class, this::onLinkStarted)
        .onMessage(LinkEstablished.class, this::onLinkEstablished)
        .onMessage(FrameArrived.class, this::onFrameArrived)
        .onMessage(LinkClosed.class, this::onLinkClosed)
        .onMessage(Reconnect.class, this::onReconnect)
        .onMessage(RetryHello.class, this::onRetryHello)
        .onMessage(PingDue.class, this::onPingDue)
        .onMessage(QuitTimedOut.class, this::onQuitTimedOut)
        .onMessage(
            ShowPrivate.class,
            shown -> {
              view.onEvent(new ClientEvent.Private(shown.event()));
              return this;
            })
        .onMessage(SendForPeers.class, this::onSendForPeers)
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
    if (command instanceof UserCommand.ToPeer toPeer) {
      // a direct link works without the server: the peers answer for themselves
      peers.tell(new Peers.Typed(toPeer, login.nick()));
      submit.replyTo().tell(Answered.INSTANCE);
      return this;
    }
    if (command instanceof UserCommand.FileCommand fileCommand) {
      files.tell(new FileSharing.Carry(fileCommand, submit.replyTo()));
      return this;
    }
    if (command instanceof UserCommand.Register register && register.password() == null) {
      return notSent(submit, "no password given: nothing sent");
    }
    if (!settled && link.firstAttempt() && phase != Phase.CLOSING && !stash.isFull()) {
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
    FrameId id = requests.nextId();
    String current = rooms.currentName();
    ClientFrame frame = CommandFrames.frameFor(id, command, current);
    if (frame == null) {
      return notSent(submit, "you are in no room: /join one first");
    }
    if (!sendOrForget(id, new Asked(command, submit.replyTo()), frame)) {
      return notSentForNow(submit, "too much is waiting to be sent: nothing sent, try again");
    }
    return this;
  }

  private Behavior<Command> onQuit(UserCommand.Quit quit, ActorRef<Outcome> replyTo) {
    if (phase == Phase.CLOSING) {
      replyTo.tell(Answered.INSTANCE);
      return this;
    }
    if (!link.isUp()) {
      replyTo.tell(Answered.INSTANCE);
      return finish("quit", EXIT_OK);
    }
    requests.put(quit(quit.text(), EXIT_OK), new Asked(quit, replyTo));
    return this;
  }

  private Behavior<Command> onSwitchRoom(SwitchRoom switchRoom) {
    if (rooms.makeCurrent(ProtocolRules.canonical(switchRoom.room()))) {
      promptChanged();
    }
    return this;
  }

  private Behavior<Command> onTryNick(TryNick tryNick) {
    if (!login.awaitingUser() || phase == Phase.CLOSING) {
      return this;
    }
    login.tryNick(tryNick.nick());
    return helloAgain();
  }

  private Behavior<Command> onTryPassword(TryPassword tryPassword) {
    if (!login.awaitingUser() || phase == Phase.CLOSING) {
      return this;
    }
    login.tryPassword(tryPassword.password());
    return helloAgain();
  }

  private Behavior<Command> helloAgain() {
    if (!link.isOpen()) {
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
    if (link.isUp()) {
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
    if (established.established()) {
      link.established(established.link());
    }
    return this;
  }

  private Behavior<Command> onFrameArrived(FrameArrived arrived) {
    Behavior<Command> next = this;
    if (link.isOpen(arrived.link())) {
      link.heard();
      next = onFrame(arrived.frame());
    }
    arrived.ackTo().tell(Ack.INSTANCE);
    return next;
  }

  private Behavior<Command> onLinkClosed(LinkClosed closed) {
    if (!link.isOpen(closed.link())) {
      return this;
    }
    link.closed();
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
    requests.forgetAll();
    rooms.linkLost();
    if (login.awaitingUser()) {
      // the user is typing a nick or password: the client connects again with it
      phase = Phase.WAITING;
      view.onEvent(new ClientEvent.ConnectionLost(link.lossReason(closed.cause()), null));
      promptChanged();
      return this;
    }
    Duration retryIn = link.nextRetryIn();
    view.onEvent(link.closedEvent(closed.cause(), retryIn, welcomedBefore));
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
    if (link.isOpen(retry.link()) && phase == Phase.GREETING && !login.awaitingUser()) {
      sayHello();
    }
    return this;
  }

  private Behavior<Command> onPingDue(PingDue due) {
    if (phase != Phase.CHATTING) {
      return this;
    }
    if (link.pingDue()) {
      send(KeepAlive.INSTANCE, ClientFrame.Ping::new);
    }
    return this;
  }

  private Behavior<Command> onQuitTimedOut(QuitTimedOut timedOut) {
    return phase == Phase.CLOSING ? finish("quit", closingStatus) : this;
  }

  private Behavior<Command> onSendForPeers(SendForPeers forPeers) {
    var send = forPeers.send();
    FrameId id = requests.nextId();
    if (phase != Phase.CHATTING
        || !sendOrForget(id, new ForPeers(send.replyTo()), send.frame().apply(id))) {
      send.replyTo()
          .tell(new ServerFrame.Error(id, ErrorCode.UNKNOWN, "not connected: nothing sent", null));
    }
    return this;
  }

  private Behavior<Command> onFrame(ServerFrame frame) {
    if (frame instanceof ServerFrame.PrivateOffer
        || frame instanceof ServerFrame.PrivateDeclined
        || frame instanceof ServerFrame.PrivateReady) {
      peers.tell(new Peers.FromServer(frame, login.nick()));
      return this;
    }
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
    if (frame instanceof ServerFrame.RoomList list
        && list.re() != null
        && requests.find(list.re()) instanceof RoomNames fetch) {
      return onRoomNamesPage(list, fetch);
    }
    if (frame instanceof ServerFrame.RoomList list && list.next() != null) {
      return onRoomListPage(list);
    }
    return show(frame);
  }

  private Behavior<Command> onFetchRoomNames(FetchRoomNames fetch) {
    if (phase != Phase.CHATTING
        || !askRoomNames(null, new RoomNames(List.of(), 0, fetch.replyTo()))) {
      fetch.replyTo().tell(List.of());
    }
    return this;
  }

  /** Asks for the page of room names after {@code after}; false when it could not be sent. */
  private boolean askRoomNames(String after, RoomNames fetch) {
    FrameId id = requests.nextId();
    return sendOrForget(id, fetch, new ClientFrame.Rooms(id, after, null));
  }

  private Behavior<Command> onRoomNamesPage(ServerFrame.RoomList page, RoomNames fetch) {
    requests.take(page.re());
    RoomNames sofar = fetch.withPage(page);
    boolean more = page.next() != null && sofar.pages() < settings.completionRoomPages();
    if (!more || !askRoomNames(page.next(), sofar)) {
      fetch.replyTo().tell(sofar.soFar());
    }
    return this;
  }

  /** A page of the rooms the user asked for, with more to come: it shows, and the next is asked. */
  private Behavior<Command> onRoomListPage(ServerFrame.RoomList page) {
    Request request = requests.find(page.re());
    if (!(request instanceof Asked asked)) {
      return show(page);
    }
    view.onFrame(page);
    requests.take(page.re());
    FrameId id = requests.nextId();
    if (!sendOrForget(id, asked, new ClientFrame.Rooms(id, page.next(), null))) {
      asked.replyTo().tell(Answered.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onWelcome(ServerFrame.Welcome welcome) {
    login.welcomed(welcome.nick());
    if (phase == Phase.CLOSING) {
      // quit was typed before the welcome: the bye is on its way
      view.onFrame(welcome);
      return this;
    }
    phase = Phase.CHATTING;
    link.welcomed();
    timers.startTimerWithFixedDelay(PingDue.INSTANCE, settings.pingInterval());
    view.onFrame(welcome);
    if (welcomedBefore) {
      // the replay is then what came after the last message shown, and a gap what more came
      rooms.forEach(
          (key, room) ->
              send(
                  new Rejoin(key),
                  id -> new ClientFrame.Join(id, room.name(), room.lastSeqShown().orElse(null))));
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
    Request request = requests.find(joined.re());
    boolean rejoin = request instanceof Rejoin;
    if (rejoin) {
      requests.take(joined.re());
    }
    boolean again = rooms.joined(key, joined, request instanceof Asked);
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
    Request request = requests.find(message.re());
    boolean hidden = blocks.hides(message);
    var arrival =
        rooms.messageArrived(key, message, request instanceof Asked, request instanceof Fill);
    arrival.lost().ifPresent(view::onEvent);
    if (arrival.show() && !hidden) {
      show(message);
    }
    if (arrival.fillDue()) {
      requestFill(key);
    }
    return this;
  }

  /** The user is no longer in {@code room}, as {@code frame} (left, or kicked) says. */
  private Behavior<Command> outOf(String room, ServerFrame frame) {
    String key = ProtocolRules.canonical(room);
    rooms.remove(key);
    show(frame);
    promptChanged();
    return this;
  }

  private Behavior<Command> onGap(ServerFrame.Gap gap) {
    String key = ProtocolRules.canonical(gap.room());
    view.onFrame(gap);
    if (rooms.addGap(key, new JoinedRoom.SeqRange(gap.fromSeq(), gap.toSeq()))) {
      requestFill(key);
    }
    return this;
  }

  private Behavior<Command> onHistoryEnd(ServerFrame.HistoryEnd end) {
    Request request = requests.find(end.re());
    if (!(request instanceof Fill fill)) {
      return show(end);
    }
    requests.take(end.re());
    rooms.fillEnded(fill.room()).ifPresent(view::onEvent);
    requestFill(fill.room());
    return this;
  }

  private Behavior<Command> onPong(ServerFrame.Pong pong) {
    Request request = requests.take(pong.re());
    if (request == KeepAlive.INSTANCE) {
      link.pongArrived();
    } else if (request == Settle.INSTANCE) {
      settled = true;
      return stash.unstashAll(this);
    }
    return this;
  }

  private Behavior<Command> onOk(ServerFrame.Ok ok) {
    Request request = requests.find(ok.re());
    if (request instanceof ForPeers forPeers) {
      requests.take(ok.re());
      forPeers.replyTo().tell(ok);
      return this;
    }
    if (request == AwayAgain.INSTANCE) {
      requests.take(ok.re());
      return this;
    }
    if (!(request instanceof Asked asked)) {
      return show(ok);
    }
    requests.take(ok.re());
    UserCommand command = asked.command();
    if (command instanceof UserCommand.Block block) {
      blocks.blocked(block.nick());
      view.onEvent(new ClientEvent.Blocked(block.nick()));
    } else if (command instanceof UserCommand.Unblock unblock) {
      blocks.unblocked(unblock.nick());
      view.onEvent(new ClientEvent.Unblocked(unblock.nick()));
    } else if (command instanceof UserCommand.Away set) {
      away = set.text();
      view.onEvent(new ClientEvent.AwayChanged(set.text()));
    } else if (command instanceof UserCommand.Register register) {
      login.registered(register.password());
      view.onEvent(new ClientEvent.Registered(login.nick()));
    } else {
      view.onFrame(ok);
    }
    asked.replyTo().tell(Answered.INSTANCE);
    return this;
  }

  private Behavior<Command> onHelloRefused(ServerFrame.Error error) {
    Login.Refusal refusal = login.refused(error, welcomedBefore);
    if (refusal == Login.HelloWithPassword.INSTANCE) {
      sayHello();
    } else if (refusal instanceof Login.RetryHeldNick retry) {
      view.onEvent(retry.held());
      timers.startSingleTimer(new RetryHello(link.number()), retry.held().retryIn());
    } else if (refusal instanceof Login.AskTheUser ask) {
      logRefusal(error);
      view.onEvent(ask.question());
    }
    return this;
  }

  /** The terminal shows the message; the log keeps the code too. */
  private void logRefusal(ServerFrame.Error error) {
    getContext()
        .getLog()
        .warn(
            "The server refused {}: {}: {}",
            error.re(),
            error.code() == null ? null : error.code().wireName(),
            error.message());
  }

  private Behavior<Command> onError(ServerFrame.Error error) {
    FrameId re = error.re();
    if (login.isHello(re)) {
      return onHelloRefused(error);
    }
    logRefusal(error);
    Request request = requests.take(re);
    if (request instanceof ForPeers forPeers) {
      forPeers.replyTo().tell(error);
      return this;
    }
    if (request instanceof RoomNames fetch) {
      fetch.replyTo().tell(fetch.soFar());
      return this;
    }
    if (request instanceof Fill fill) {
      rooms.fillRefused(fill.room());
    }
    view.onFrame(error);
    if (request instanceof Rejoin rejoin) {
      rooms.remove(rejoin.room());
      promptChanged();
    }
    if (request instanceof Asked asked) {
      blocks.refused(asked.command(), error.code());
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
        || (reason == DepartureReason.HELLO_TIMEOUT && (login.awaitingUser() || welcomedBefore))) {
      link.closeAfterBye(reason);
      return this;
    }
    return finish(reason.wireName(), EXIT_ERROR);
  }

  /** Shows a frame and, when it answers something the user asked, tells the asker. */
  private Behavior<Command> show(ServerFrame frame) {
    view.onFrame(frame);
    requests.answerAsker(frame);
    return this;
  }

  private void connect() {
    long current = link.next();
    phase = Phase.GREETING;
    var incoming =
        ActorSink.<ServerFrame, Command, Ack>actorRefWithBackpressure(
            getContext().getSelf(),
            (ackTo, frame) -> new FrameArrived(current, frame, ackTo),
            ackTo -> new LinkStarted(current, ackTo),
            Ack.INSTANCE,
            new LinkClosed(current, null),
            cause -> new LinkClosed(current, cause));
    view.onEvent(new ClientEvent.Connecting(settings.host(), settings.port(), link.usesTls()));
    getContext()
        .pipeToSelf(
            link.open(getContext().getSystem(), incoming),
            (ok, failure) -> new LinkEstablished(current, failure == null));
    // queued until the TCP connection is up
    sayHello();
  }

  private void sayHello() {
    link.send(login.hello(requests.nextId(), welcomedBefore));
  }

  private FrameId quit(String text, int exitStatus) {
    phase = Phase.CLOSING;
    closingStatus = exitStatus;
    FrameId id = requests.nextId();
    link.send(new ClientFrame.Quit(id, text));
    timers.startSingleTimer(QuitTimedOut.INSTANCE, settings.quitTimeout());
    return id;
  }

  private void send(Request request, Function<FrameId, ClientFrame> frame) {
    FrameId id = requests.nextId();
    requests.put(id, request);
    link.send(frame.apply(id));
  }

  /**
   * Sends {@code frame}, sent for {@code request}; false, and forgotten, when it was not queued.
   */
  private boolean sendOrForget(FrameId id, Request request, ClientFrame frame) {
    requests.put(id, request);
    if (link.send(frame)) {
      return true;
    }
    requests.take(id);
    return false;
  }

  private void requestFill(String key) {
    if (phase == Phase.CHATTING && rooms.needsFill(key)) {
      send(new Fill(key), id -> rooms.get(key).startFill(id, settings.gapFillBatch()));
    }
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

  private Behavior<Command> finish(String reason, int exitStatus) {
    timers.cancelAll();
    link.close();
    requests.forgetAll();
    view.onEvent(new ClientEvent.Closed(reason, exitStatus));
    return Behaviors.stopped();
  }

  private void promptChanged() {
    view.onEvent(
        new ClientEvent.PromptChanged(
            login.nick(), rooms.currentName(), phase == Phase.CHATTING, rooms.names()));
  }
}
