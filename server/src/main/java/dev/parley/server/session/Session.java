package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.util.ByteString;

/**
 * One client connection: awaiting {@code hello}, then logged in under a nick. It is the only actor
 * that sees client frames. It reads one frame at a time, and takes the next only when the answers
 * to the last have come back, its reader keeps up and flood control lets it, so a client's frames
 * are answered in order and a client that does not read is not read either. The one exception keeps
 * a busy room fast: {@code say}s to one room are read while the earlier ones are stored, up to
 * {@code max-says-in-flight}, since the room answers them in order; any other frame read meanwhile
 * waits for their answers.
 */
public final class Session extends AbstractBehavior<Session.Command> {

  public sealed interface Command
      permits FrameReceived,
          InputEnded,
          InputFailed,
          OutputTaken,
          FlushOutput,
          Shutdown,
          MakeRoom,
          Announce,
          Describe,
          RoomEventReceived,
          DirectoryEventReceived,
          HelloTimedOut,
          IdleCheck,
          StallCheck,
          FloodWaitOver {}

  /** A frame from the client, given as the session asked for it ({@link ConnectionInput}). */
  record FrameReceived(Inbound inbound) implements Command {}

  /** The client closed its side, or the connection is gone. */
  enum InputEnded implements Command {
    INSTANCE
  }

  record InputFailed(Throwable cause) implements Command {}

  /** The connection took everything handed to it, as the session asked to be told. */
  enum OutputTaken implements Command {
    INSTANCE
  }

  // sent to itself, so that everything that reached it meanwhile is written at once
  private enum FlushOutput implements Command {
    INSTANCE
  }

  /** The server is shutting down: say {@code bye shutdown} and close. */
  public enum Shutdown implements Command {
    INSTANCE
  }

  /**
   * Too many connections wait to say hello: one that has not said it yet says {@code bye
   * server_full} and closes, so that a newcomer may come in; one logged in meanwhile stays.
   */
  public enum MakeRoom implements Command {
    INSTANCE
  }

  /** An operator's {@code notice}, encoded once for everyone online. */
  public record Announce(ByteString notice) implements Command {}

  public record Describe(ActorRef<ConnectionInfo> replyTo) implements Command {}

  private record RoomEventReceived(Room.Event event) implements Command {}

  private record DirectoryEventReceived(Directory.Event event) implements Command {}

  private enum HelloTimedOut implements Command {
    INSTANCE
  }

  private enum IdleCheck implements Command {
    INSTANCE
  }

  private enum StallCheck implements Command {
    INSTANCE
  }

  private enum FloodWaitOver implements Command {
    INSTANCE
  }

  /** {@code registry} is told once the client said a hello that was taken. */
  public static Behavior<Command> create(
      SessionServices services,
      ClientConnection connection,
      ActorRef<Connections.Welcomed> registry) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> new Session(context, timers, services, connection, registry)));
  }

  private record JoinedRoom(String name, ActorRef<Room.Command> room) {}

  private final TimerScheduler<Command> timers;
  private final SessionServices services;
  private final ParleySettings settings;
  private final ClientConnection connection;
  private final ActorRef<Connections.Welcomed> registry;
  private final ActorRef<Room.Event> roomEvents;
  private final ActorRef<Directory.Event> directoryEvents;
  private final OutgoingQueue outgoing;
  private final BadFrameWindow badFrames;
  private final FloodControl flood;
  private final Map<String, JoinedRoom> rooms = new LinkedHashMap<>();
  private Set<String> blocked = Set.of();
  // logged in, the welcome waits for the directory to store that the mail that came is given
  // mail given with the welcome that leaves the store once the client sends its next frame
  private int mailToTake;

  private String nick;
  // the directory's number for this login, which rooms compare with other logins of the nick
  private long login;
  private int framesBeforeWelcome;
  // the input waits for the session to ask for the next frame
  private boolean inputWaits = true;
  // the client sends no more; the session ends once it answered what the client sent
  private boolean inputEnded;
  private boolean endTold;
  // answers still to come from other actors before the next frame is read
  private int awaitedAnswers;
  // while every awaited answer is that of a say: the room they went to
  private String saysInFlightRoom;
  // a frame read while says were in flight that may not overtake their answers
  private FrameReceived heldFrame;
  private boolean flushScheduled;
  private boolean outputEnded;
  private long handedOverAt;
  // what the connection had not taken when it last took something
  private long pendingAtProgress;
  // this reader's share of what all readers keep beyond their bound (services.keptOutput())
  private long keptBeyondBound;
  // output nobody asked for came while all readers kept too much: the stall check decides
  private boolean unaskedPastTheServersBound;
  private long lastInputAt;
  private final Instant connectedSince = Instant.now();
  private DepartureReason departure;

  private Session(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      SessionServices services,
      ClientConnection connection,
      ActorRef<Connections.Welcomed> registry) {
    super(context);
    this.registry = registry;
    this.timers = timers;
    this.services = services;
    this.settings = services.settings();
    this.connection = connection;
    this.roomEvents = context.messageAdapter(Room.Event.class, RoomEventReceived::new);
    this.directoryEvents =
        context.messageAdapter(Directory.Event.class, DirectoryEventReceived::new);
    this.outgoing =
        new OutgoingQueue(
            settings.session().maxPendingOutput(),
            settings.session().maxKeptOutput(),
            settings.session().catchUpTime(),
            services.codec(),
            connection.output()::pendingBytes,
            services.metrics()::gapAnnounced,
            System::nanoTime);
    this.badFrames =
        new BadFrameWindow(settings.session().maxBadFrames(), settings.session().badFramesWindow());
    this.lastInputAt = System.nanoTime();
    this.flood =
        new FloodControl(
            settings.session().floodBurst(), settings.session().floodRatePerSecond(), lastInputAt);
    timers.startSingleTimer(HelloTimedOut.INSTANCE, settings.session().helloTimeout());
    timers.startSingleTimer(IdleCheck.INSTANCE, settings.session().idleTimeout());
    context.getLog().info("Connection opened from {}", connection.describe());
    connection.attach(context.getSelf());
    readNextFrameWhenReady();
  }

  // one case for every command: sixteen cases, each with its handler, were 0.6 KB of every
  // connection's memory, a twentieth of an idle one
  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onAnyMessage(this::onCommand)
        .onSignal(PostStop.class, this::onPostStop)
        .build();
  }

  private Behavior<Command> onCommand(Command command) {
    if (command instanceof RoomEventReceived received) {
      return onRoomEvent(received);
    } else if (command instanceof FrameReceived received) {
      return onFrameReceived(received);
    } else if (command instanceof OutputTaken taken) {
      return onOutputTaken(taken);
    } else if (command instanceof FlushOutput flush) {
      return onFlushOutput(flush);
    } else if (command instanceof DirectoryEventReceived received) {
      return onDirectoryEvent(received);
    } else if (command instanceof InputEnded || command instanceof InputFailed) {
      return onInputGone();
    } else if (command instanceof Shutdown) {
      return depart(DepartureReason.SHUTDOWN, "the server is shutting down");
    } else if (command instanceof MakeRoom) {
      return nick != null || departure != null
          ? this
          : depart(
              DepartureReason.SERVER_FULL,
              "too many connections wait to say hello; this one waited longest");
    } else if (command instanceof Announce announce) {
      return onAnnounce(announce);
    } else if (command instanceof Describe describe) {
      return onDescribe(describe);
    } else if (command instanceof HelloTimedOut timedOut) {
      return onHelloTimedOut(timedOut);
    } else if (command instanceof IdleCheck check) {
      return onIdleCheck(check);
    } else if (command instanceof StallCheck check) {
      return onStallCheck(check);
    } else if (command instanceof FloodWaitOver over) {
      return onFloodWaitOver(over);
    }
    return Behaviors.unhandled();
  }

  private Behavior<Command> onFrameReceived(FrameReceived received) {
    if (departure != null) {
      // closing: what still arrives is dropped, and the next asked for, so that the end can come
      connection.input().readNext();
      return this;
    }
    inputWaits = true;
    lastInputAt = System.nanoTime();
    if (mailToTake > 0) {
      // the client reads on past its welcome and mail: the mail leaves the store before this
      // frame is answered
      askDirectory(new Directory.TakeMail(nick, mailToTake, directoryEvents));
      mailToTake = 0;
    }
    if (awaitedAnswers > 0 && !isSayToRoomOfSaysInFlight(received.inbound())) {
      heldFrame = received;
      return this;
    }
    Behavior<Command> next = handleFrame(received);
    readNextFrameWhenReady();
    return next;
  }

  private boolean isSayToRoomOfSaysInFlight(Inbound inbound) {
    return saysInFlightRoom != null
        && inbound instanceof Inbound.Frame decoded
        && decoded.frame() instanceof ClientFrame.Say say
        && saysInFlightRoom.equals(ProtocolRules.canonical(say.room()))
        // its error would overtake the answers
        && ProtocolRules.textProblem(say.text(), settings.protocol().maxTextChars()).isEmpty();
  }

  private Behavior<Command> handleFrame(FrameReceived received) {
    if (nick == null && ++framesBeforeWelcome > settings.session().maxFramesBeforeWelcome()) {
      return depart(DepartureReason.FLOOD, "too many frames before welcome");
    }
    if (received.inbound() instanceof Inbound.Frame decoded) {
      return nick == null ? beforeWelcome(decoded.frame()) : loggedIn(decoded.frame());
    }
    return onUndecodable((Inbound.Undecodable) received.inbound());
  }

  private Behavior<Command> onUndecodable(Inbound.Undecodable bad) {
    sendError(bad.re(), bad.code(), bad.message());
    if (badFrames.recordAndCheckExceeded(System.nanoTime())) {
      return depart(DepartureReason.PROTOCOL_ERRORS, "too many bad frames");
    }
    return this;
  }

  private Behavior<Command> beforeWelcome(ClientFrame frame) {
    if (frame instanceof ClientFrame.Hello hello) {
      onHello(hello);
    } else if (frame instanceof ClientFrame.Ping ping) {
      send(new ServerFrame.Pong(ping.id()));
    } else if (frame instanceof ClientFrame.Quit quit) {
      return depart(DepartureReason.QUIT, "goodbye", quit.id());
    } else {
      sendError(frame.id(), ErrorCode.NOT_LOGGED_IN, "say hello first");
    }
    return this;
  }

  private void onHello(ClientFrame.Hello hello) {
    String wanted = hello.nick();
    if (wanted != null && !ProtocolRules.isValidNick(wanted)) {
      restartHelloTimeout();
      sendError(
          hello.id(),
          ErrorCode.NICK_INVALID,
          "a nick has 1 to 16 letters, digits or _-[]{}\\^| and starts with neither a digit nor -");
    } else if (wanted != null && settings.nicks().isReserved(wanted)) {
      restartHelloTimeout();
      sendError(hello.id(), ErrorCode.NICK_RESERVED, "nick " + wanted + " is reserved");
    } else if (hello.password() != null && refusedPasswordInCleartext(hello.id())) {
      restartHelloTimeout();
    } else {
      askDirectory(
          new Directory.Claim(
              wanted,
              hello.password(),
              connection.host(),
              directoryEvents,
              hello.id(),
              hello.takesOver()));
    }
  }

  /** Refuses a frame that carries a password where passwords may not travel; whether it did. */
  private boolean refusedPasswordInCleartext(FrameId re) {
    // made when asked: frames with a password are rare, and an idle connection holds less
    Optional<String> refusal = new CleartextPasswords(settings.tls()).refusal(connection);
    refusal.ifPresent(why -> sendError(re, ErrorCode.TLS_REQUIRED, why));
    return refusal.isPresent();
  }

  /** A refused hello starts the time to say hello anew, so that a lockout can be waited out. */
  private void restartHelloTimeout() {
    timers.startSingleTimer(HelloTimedOut.INSTANCE, settings.session().helloTimeout());
  }

  private void onClaimed(Directory.Claimed claimed) {
    nick = claimed.nick();
    login = claimed.login();
    blocked = claimed.blocked();
    timers.cancel(HelloTimedOut.INSTANCE);
    registry.tell(new Connections.Welcomed(getContext().getSelf()));
    getContext().getLog().info("{} logged in as {}", connection.describe(), nick);
    welcome(claimed);
    // should the client be gone before it says anything more, the next login has the mail again
    mailToTake = claimed.mail().size();
  }

  private void welcome(Directory.Claimed claimed) {
    send(
        new ServerFrame.Welcome(
            claimed.re(),
            nick,
            ProtocolRules.PROTOCOL_VERSION,
            settings.serverName(),
            settings.motd()));
    claimed.mail().forEach(this::send);
    for (String room : settings.rooms().autoJoin()) {
      askRooms(new RoomManager.Join(room, nick, roomEvents, null, login, blocked, null));
    }
  }

  private Behavior<Command> loggedIn(ClientFrame frame) {
    if (frame instanceof ClientFrame.Say say) {
      onSay(say);
    } else if (frame instanceof ClientFrame.Join join) {
      onJoin(join);
    } else if (frame instanceof ClientFrame.Create create) {
      onCreate(create);
    } else if (frame instanceof ClientFrame.Leave leave) {
      onLeave(leave);
    } else if (frame instanceof ClientFrame.Topic topic) {
      onTopic(topic);
    } else if (frame instanceof ClientFrame.Rooms list) {
      int most = settings.rooms().maxHistoryPageSize();
      askRooms(
          new RoomManager.ListRooms(
              list.after(),
              list.limit() == null ? most : Math.min(list.limit(), most),
              settings.rooms().maxHistoryPageBytes(),
              list.id(),
              roomEvents));
    } else if (frame instanceof ClientFrame.Who who) {
      onWho(who);
    } else if (frame instanceof ClientFrame.Users users) {
      askDirectory(new Directory.ListUsers(users.sinceS(), users.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Dm dm) {
      if (validText(dm.id(), dm.text())) {
        askDirectory(new Directory.SendDirect(nick, dm.to(), dm.text(), dm.id(), directoryEvents));
      }
    } else if (frame instanceof ClientFrame.Block block) {
      askDirectory(new Directory.Block(nick, block.nick(), block.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Unblock unblock) {
      askDirectory(new Directory.Unblock(nick, unblock.nick(), unblock.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Register register) {
      if (!refusedPasswordInCleartext(register.id())) {
        askDirectory(
            new Directory.Register(
                nick, register.password(), connection.host(), register.id(), directoryEvents));
      }
    } else if (frame instanceof ClientFrame.History history) {
      onHistory(history);
    } else if (frame instanceof ClientFrame.Ping ping) {
      send(new ServerFrame.Pong(ping.id()));
    } else if (frame instanceof ClientFrame.Quit quit) {
      return depart(DepartureReason.QUIT, "goodbye", quit.id());
    } else if (frame instanceof ClientFrame.Hello hello) {
      sendError(hello.id(), ErrorCode.ALREADY_LOGGED_IN, "you are logged in as " + nick);
    }
    return this;
  }

  private void onSay(ClientFrame.Say say) {
    joinedRoom(say.id(), say.room())
        .filter(room -> validText(say.id(), say.text()))
        .ifPresent(
            room -> {
              askRoom(room, new Room.Post(nick, say.text(), say.id(), roomEvents));
              if (awaitedAnswers == 1) {
                saysInFlightRoom = ProtocolRules.canonical(room.name());
              }
            });
  }

  private void onTopic(ClientFrame.Topic topic) {
    joinedRoom(topic.id(), topic.room())
        .filter(room -> validTopic(topic.id(), topic.topic()))
        .ifPresent(
            room ->
                askRoom(room, new Room.ChangeTopic(nick, topic.topic(), topic.id(), roomEvents)));
  }

  private void onJoin(ClientFrame.Join join) {
    if (validRoomName(join.id(), join.room())) {
      askRooms(
          new RoomManager.Join(
              join.room(), nick, roomEvents, join.id(), login, blocked, join.afterSeq()));
    }
  }

  private void onCreate(ClientFrame.Create create) {
    if (validRoomName(create.id(), create.room())
        && (create.topic() == null || validTopic(create.id(), create.topic()))) {
      askRooms(
          new RoomManager.Create(
              create.room(),
              create.topic(),
              nick,
              connection.host(),
              roomEvents,
              create.id(),
              login,
              blocked));
    }
  }

  private void onLeave(ClientFrame.Leave leave) {
    joinedRoom(leave.id(), leave.room())
        .ifPresent(
            room -> {
              askRoom(room, Room.Leave.asked(nick, roomEvents, leave.id()));
            });
  }

  private void onWho(ClientFrame.Who who) {
    if (ProtocolRules.isValidRoom(who.room())) {
      askRooms(new RoomManager.Who(who.room(), who.id(), roomEvents));
    } else {
      // who names no error but no_such_room: no room has an invalid name
      sendError(who.id(), ErrorCode.NO_SUCH_ROOM, "no room " + who.room());
    }
  }

  private void onHistory(ClientFrame.History history) {
    int limit =
        history.limit() == null
            ? settings.rooms().historyPageSize()
            : Math.min(history.limit(), settings.rooms().maxHistoryPageSize());
    joinedRoom(history.id(), history.room())
        .ifPresent(
            room ->
                askRoom(
                    room,
                    new Room.GetHistory(
                        history.beforeSeq(),
                        history.afterSeq(),
                        limit,
                        blocked,
                        history.id(),
                        roomEvents)));
  }

  private Behavior<Command> onRoomEvent(RoomEventReceived received) {
    Room.Event event = received.event();
    if (departure != null) {
      // a join answered after the bye: the room counts this member in, so leave it as the others
      if (event instanceof Room.Joined joined) {
        joined.room().tell(Room.Leave.departing(nick, roomEvents, departure));
      }
      return this;
    }
    if (event instanceof Room.MessagesPosted posted) {
      onMessagesPosted(posted);
    } else if (event instanceof Room.Broadcast broadcast) {
      addUnasked(broadcast.frame());
    } else if (event instanceof Room.Joined joined) {
      answerReceived();
      rooms.put(
          ProtocolRules.canonical(joined.roomName()),
          new JoinedRoom(joined.roomName(), joined.room()));
      var replay = withoutBlocked(joined.replay());
      var frame = joined.frame();
      send(
          new ServerFrame.Joined(
              frame.re(), frame.room(), frame.topic(), frame.members(), replay.size()));
      replay.forEach(this::send);
      joined.missed().ifPresent(this::send);
      readNextFrameWhenReady();
    } else if (event instanceof Room.Answer answer) {
      answerReceived();
      if (answer.frames().get(0) instanceof ServerFrame.Left left) {
        rooms.remove(ProtocolRules.canonical(left.room()));
      }
      withoutBlockedHistory(answer.frames()).forEach(this::sendAnswer);
      readNextFrameWhenReady();
    }
    return this;
  }

  private void onMessagesPosted(Room.MessagesPosted posted) {
    boolean member = rooms.containsKey(ProtocolRules.canonical(posted.roomName()));
    if (member
        && !posted.posters().contains(roomEvents)
        && (blocked.isEmpty() || Collections.disjoint(blocked, posted.senders()))
        && outgoing.addRoomMessages(posted.roomName(), posted.frames())) {
      write();
      return;
    }
    boolean answered = false;
    for (Room.PostedMessage message : posted.messages()) {
      if (message.poster().equals(roomEvents)) {
        // the echo of one's own message is live: it must not overtake the gap of its room
        outgoing.addKeptRoomMessage(
            posted.roomName(),
            ByteString.fromArrayUnsafe(
                services.codec().answering(message.frame().toArrayUnsafe(), message.re())));
        answerReceived();
        answered = true;
      } else if (member && !isBlocked(message.from())) {
        outgoing.addRoomMessage(posted.roomName(), message.seq(), message.frame());
      }
    }
    // a batch already: written at once
    write();
    if (answered) {
      readNextFrameWhenReady();
    }
  }

  private Behavior<Command> onDirectoryEvent(DirectoryEventReceived received) {
    Directory.Event event = received.event();
    if (departure != null) {
      if (event instanceof Directory.Claimed claimed) {
        services.directory().tell(new Directory.Release(claimed.nick(), directoryEvents));
      }
      return this;
    }
    if (event instanceof Directory.DirectReceived direct) {
      addUnasked(ByteString.fromArrayUnsafe(services.codec().encode(direct.frame())));
      return this;
    }
    if (event instanceof Directory.Kicked kicked) {
      return depart(DepartureReason.KICKED, kicked.reason());
    }
    if (event instanceof Directory.Replaced) {
      return depart(DepartureReason.REPLACED, "you logged in again elsewhere");
    }
    answerReceived();
    if (event instanceof Directory.Claimed claimed) {
      onClaimed(claimed);
    } else if (event instanceof Directory.Answer answer) {
      if (nick == null) {
        restartHelloTimeout();
      }
      send(answer.frame());
    } else if (event instanceof Directory.BlocksChanged changed) {
      blocked = changed.blocked();
      send(new ServerFrame.Ok(changed.re()));
    }
    readNextFrameWhenReady();
    return this;
  }

  private Behavior<Command> onOutputTaken(OutputTaken taken) {
    write();
    if (departure != null) {
      return closeWhenFlushed();
    }
    readNextFrameWhenReady();
    return this;
  }

  private Behavior<Command> onFlushOutput(FlushOutput flush) {
    flushScheduled = false;
    write();
    return departure != null ? closeWhenFlushed() : this;
  }

  private Behavior<Command> onAnnounce(Announce announce) {
    if (nick != null && departure == null) {
      addUnasked(announce.notice());
    }
    return this;
  }

  private Behavior<Command> onDescribe(Describe describe) {
    describe
        .replyTo()
        .tell(
            new ConnectionInfo(
                nick,
                connection.describe(),
                rooms.values().stream().map(JoinedRoom::name).toList(),
                connectedSince));
    return this;
  }

  private Behavior<Command> onHelloTimedOut(HelloTimedOut timedOut) {
    return depart(DepartureReason.HELLO_TIMEOUT, "no hello in time");
  }

  private Behavior<Command> onIdleCheck(IdleCheck check) {
    Duration quiet = Duration.ofNanos(System.nanoTime() - lastInputAt);
    Duration idleTimeout = settings.session().idleTimeout();
    if (quiet.compareTo(idleTimeout) >= 0) {
      return depart(
          DepartureReason.IDLE_TIMEOUT, "nothing received for " + idleTimeout.toSeconds() + " s");
    }
    timers.startSingleTimer(IdleCheck.INSTANCE, idleTimeout.minus(quiet));
    return this;
  }

  private Behavior<Command> onStallCheck(StallCheck check) {
    boolean unaskedPastBound = unaskedPastTheServersBound;
    unaskedPastTheServersBound = false;
    if (outgoing.isOverflowing() || (unaskedPastBound && pastTheServersBound())) {
      // what is never dropped still has a bound: a reader that far behind is not waited for
      return cutOff();
    }
    if (!outputEnded && connection.output().pendingBytes() == 0) {
      // nothing is stalled; should anything still wait here, it goes now
      write();
      return departure != null ? closeWhenFlushed() : this;
    }
    long pending = connection.output().pendingBytes();
    if (pending < pendingAtProgress) {
      // the reader took bytes since: slow, not stalled
      startStallClock(pending);
      return this;
    }
    Duration stalled = Duration.ofNanos(System.nanoTime() - handedOverAt);
    Duration stallTimeout = settings.session().stallTimeout();
    if (stalled.compareTo(stallTimeout) < 0) {
      timers.startSingleTimer(StallCheck.INSTANCE, stallTimeout.minus(stalled));
      return this;
    }
    return cutOff();
  }

  // the reader takes nothing, so a bye would never get through: cut the connection
  private Behavior<Command> cutOff() {
    services.metrics().slowConsumerCutOff();
    leaveEverything(DepartureReason.SLOW_CONSUMER);
    // before the abort, which ends the input too: its end is not for a stopped session
    connection.input().close();
    endOutput(new Outbound.Abort(new SlowConsumerException()));
    return Behaviors.stopped();
  }

  private Behavior<Command> onFloodWaitOver(FloodWaitOver over) {
    readNextFrameWhenReady();
    return this;
  }

  private Behavior<Command> onInputGone() {
    inputEnded = true;
    inputWaits = false;
    if (departure == null && (awaitedAnswers > 0 || heldFrame != null)) {
      return this;
    }
    leaveEverything(DepartureReason.DISCONNECTED);
    return Behaviors.stopped();
  }

  /** Once a client that sends no more is answered, or told bye, its end comes back to stop. */
  private void endOnceAnswered() {
    if (inputEnded
        && !endTold
        && (departure != null || (awaitedAnswers == 0 && heldFrame == null))) {
      getContext().getSelf().tell(InputEnded.INSTANCE);
      endTold = true;
    }
  }

  private Behavior<Command> onPostStop(PostStop stop) {
    services.keptOutput().update(keptBeyondBound, 0);
    connection.input().close();
    // what waits to be written goes before the end: a bye, or the answers to a client that stopped
    // sending after its last frames
    if (!outputEnded && !outgoing.isEmpty()) {
      connection.output().handOver(new Outbound.Frames(outgoing.takeAll()));
    }
    endOutput(Outbound.End.INSTANCE);
    getContext()
        .getLog()
        .info(
            "Connection closed from {}{}: {}",
            connection.describe(),
            nick == null ? "" : " (" + nick + ")",
            departure == null ? "the server stopped" : departure.wireName());
    return this;
  }

  /** Tells the client {@code bye}, leaves every room, and closes once the output is out. */
  private Behavior<Command> depart(DepartureReason reason, String message) {
    return depart(reason, message, null);
  }

  // re: the id of the quit that the bye answers
  private Behavior<Command> depart(DepartureReason reason, String message, FrameId re) {
    if (departure != null) {
      return this;
    }
    leaveEverything(reason);
    // nothing follows the bye, not even the gaps of what was dropped
    outgoing.announceDropped();
    send(new ServerFrame.Bye(re, reason, message));
    return closeWhenFlushed();
  }

  private void leaveEverything(DepartureReason reason) {
    if (departure != null) {
      return;
    }
    departure = reason;
    timers.cancel(HelloTimedOut.INSTANCE);
    timers.cancel(IdleCheck.INSTANCE);
    rooms
        .values()
        .forEach(room -> room.room().tell(Room.Leave.departing(nick, roomEvents, reason)));
    rooms.clear();
    if (nick != null) {
      services.directory().tell(new Directory.Release(nick, directoryEvents));
    }
  }

  /**
   * Ends the output once the bye is taken. The session stops when its input ends, once the socket
   * is closed and all written, so that a server shutting down waits for it; a reader that takes
   * nothing meanwhile is cut off after the stall timeout, as with any output.
   */
  private Behavior<Command> closeWhenFlushed() {
    endOnceAnswered();
    // the output writes what it holds before it ends
    if (departure != null && !outputEnded && outgoing.isEmpty()) {
      endOutput(Outbound.End.INSTANCE);
      startStallClock(connection.output().pendingBytes());
      if (inputWaits) {
        connection.input().readNext();
        inputWaits = false;
      }
    }
    return this;
  }

  private void send(ServerFrame frame) {
    if (frame instanceof ServerFrame.Error error) {
      services.metrics().frameRefused(error.code());
    }
    outgoing.add(ByteString.fromArrayUnsafe(services.codec().encode(frame)));
    flush();
  }

  /**
   * Adds output nobody asked for: a direct message, a notice, an event of a room. That is what
   * piles up for a reader that stopped reading, so that is what the bound on all readers together
   * holds against it; an answer cannot pile up, as the session reads no next request while its
   * reader is behind.
   */
  private void addUnasked(ByteString frame) {
    outgoing.add(frame);
    if (pastTheServersBound()) {
      unaskedPastTheServersBound = true;
      timers.startSingleTimer(StallCheck.INSTANCE, Duration.ZERO);
    }
    flush();
  }

  // the echo of one's own message is live: it must not overtake the gap of its room
  private void sendAnswer(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message message && message.replay() == null) {
      outgoing.addKeptRoomMessage(
          message.room(), ByteString.fromArrayUnsafe(services.codec().encode(frame)));
      flush();
    } else {
      send(frame);
    }
  }

  private boolean isBlocked(String nick) {
    return !blocked.isEmpty() && blocked.contains(ProtocolRules.canonical(nick));
  }

  private List<ServerFrame.Message> withoutBlocked(List<ServerFrame.Message> messages) {
    return blocked.isEmpty()
        ? messages
        : messages.stream().filter(message -> !isBlocked(message.from())).toList();
  }

  /** A history answer without the blocked users' messages, its end counting what is left. */
  private List<ServerFrame> withoutBlockedHistory(List<ServerFrame> frames) {
    if (blocked.isEmpty()) {
      return frames;
    }
    var kept = new ArrayList<ServerFrame>(frames.size());
    int withheld = 0;
    for (ServerFrame frame : frames) {
      if (frame instanceof ServerFrame.Message message
          && Boolean.TRUE.equals(message.replay())
          && isBlocked(message.from())) {
        withheld++;
      } else if (frame instanceof ServerFrame.HistoryEnd end) {
        kept.add(new ServerFrame.HistoryEnd(end.re(), end.room(), end.count() - withheld));
      } else {
        kept.add(frame);
      }
    }
    return kept;
  }

  private void sendError(FrameId re, ErrorCode code, String message) {
    send(new ServerFrame.Error(re, code, message, null));
  }

  /** Writes what waits once the messages already here are handled, so that it goes in one piece. */
  private void flush() {
    checkNowWhenOverflowing();
    updateKeptShare();
    if (!flushScheduled && !outgoing.isEmpty() && connection.output().takenOrTellWhenTaken()) {
      getContext().getSelf().tell(FlushOutput.INSTANCE);
      flushScheduled = true;
    }
  }

  /** Hands over what waits, unless the connection has not taken the last yet: then once it has. */
  private void write() {
    checkNowWhenOverflowing();
    updateKeptShare();
    if (!outputEnded && !outgoing.isEmpty() && connection.output().takenOrTellWhenTaken()) {
      connection.output().handOver(new Outbound.Frames(outgoing.takeAll()));
      startStallClock(connection.output().pendingBytes());
      if (keptBeyondBound > 0) {
        // its share of what all readers keep is brought up to date once the connection took this
        connection.output().takenOrTellWhenTaken();
      }
    }
  }

  private void endOutput(Outbound end) {
    if (!outputEnded) {
      connection.output().handOver(end);
      outputEnded = true;
    }
  }

  // the stall check cuts off a reader whose output overflows: at once, in place of its timer
  private void checkNowWhenOverflowing() {
    if (outgoing.isOverflowing()) {
      timers.startSingleTimer(StallCheck.INSTANCE, Duration.ZERO);
    }
  }

  /**
   * Whether this reader keeps output beyond its bound while all readers together keep more than
   * theirs.
   */
  private boolean pastTheServersBound() {
    return updateKeptShare() && keptBeyondBound > 0;
  }

  /**
   * Brings this reader's share of what all readers keep beyond their bound up to date; answers
   * whether all of them together are past theirs.
   */
  private boolean updateKeptShare() {
    long kept = outgoing.bytesBeyondBound();
    if (kept == 0 && keptBeyondBound == 0) {
      // most readers keep nothing beyond their bound: the shared total is not touched
      return false;
    }
    boolean totalPast = services.keptOutput().update(keptBeyondBound, kept);
    keptBeyondBound = kept;
    return totalPast;
  }

  // the output is stalled once the connection has taken nothing of it for the stall timeout;
  // it takes it in pieces of max-write-bytes, so that a slow reader shows progress
  private void startStallClock(long pending) {
    handedOverAt = System.nanoTime();
    pendingAtProgress = pending;
    if (!timers.isTimerActive(StallCheck.INSTANCE)) {
      timers.startSingleTimer(StallCheck.INSTANCE, settings.session().stallTimeout());
    }
  }

  private void readNextFrameWhenReady() {
    if (heldFrame != null && awaitedAnswers == 0 && departure == null) {
      FrameReceived held = heldFrame;
      heldFrame = null;
      // a frame never stops the session itself: a departure closes it once the bye is written
      handleFrame(held);
    }
    endOnceAnswered();
    boolean mayRead =
        awaitedAnswers == 0
            || (saysInFlightRoom != null && awaitedAnswers < settings.session().maxSaysInFlight());
    if (inputWaits && heldFrame == null && departure == null && mayRead && readerKeepsUp()) {
      long floodDelay = flood.delayNanos(System.nanoTime());
      if (floodDelay > 0) {
        // flood control slows a sender, it refuses nothing: its next frame is read later
        if (!timers.isTimerActive(FloodWaitOver.INSTANCE)) {
          timers.startSingleTimer(FloodWaitOver.INSTANCE, Duration.ofNanos(floodDelay));
        }
        return;
      }
      connection.input().readNext();
      inputWaits = false;
    }
  }

  /**
   * Whether the reader is within {@code max-pending-output} of its output; if not, the session is
   * told when the connection took what it has, and asks again.
   */
  private boolean readerKeepsUp() {
    while (outgoing.isFull()) {
      if (outputEnded || !connection.output().takenOrTellWhenTaken()) {
        return false;
      }
      // what waits in the queue alone fills it: hand it over, and ask again
      write();
    }
    return true;
  }

  private void answerReceived() {
    awaitedAnswers--;
    if (awaitedAnswers == 0) {
      saysInFlightRoom = null;
    }
  }

  private void askDirectory(Directory.Command request) {
    services.directory().tell(request);
    awaitedAnswers++;
  }

  private void askRooms(RoomManager.Command request) {
    services.roomManager().tell(request);
    awaitedAnswers++;
  }

  private void askRoom(JoinedRoom room, Room.Command request) {
    room.room().tell(request);
    awaitedAnswers++;
  }

  private Optional<JoinedRoom> joinedRoom(FrameId re, String name) {
    JoinedRoom room = rooms.get(ProtocolRules.canonical(name));
    if (room == null) {
      sendError(re, ErrorCode.NOT_IN_ROOM, "you are not in room " + name);
    }
    return Optional.ofNullable(room);
  }

  private boolean validRoomName(FrameId re, String name) {
    if (!ProtocolRules.isValidRoom(name)) {
      sendError(re, ErrorCode.ROOM_INVALID, "a room name has 1 to 32 letters, digits or _-.");
      return false;
    }
    return true;
  }

  private boolean validTopic(FrameId re, String topic) {
    if (!validText(re, topic)) {
      return false;
    }
    int maxBytes = settings.protocol().maxTopicBytes();
    if (topic.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      sendError(re, ErrorCode.TEXT_INVALID, "a topic has at most " + maxBytes + " bytes of UTF-8");
      return false;
    }
    return true;
  }

  private boolean validText(FrameId re, String text) {
    Optional<String> problem = ProtocolRules.textProblem(text, settings.protocol().maxTextChars());
    problem.ifPresent(message -> sendError(re, ErrorCode.TEXT_INVALID, message));
    return problem.isEmpty();
  }
}
