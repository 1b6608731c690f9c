package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.files.FileShelf;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What a client's frames ask of its session: checked, and sent on as requests to the rooms and the
 * directory, whose answers come back to the session; and the rooms the client is in.
 */
final class Requests {

  /**
   * How the session says goodbye: {@code re} is the id of the quit it answers, if any, and {@code
   * text} the words of that quit for the rooms, or null.
   */
  interface Departure {
    void depart(DepartureReason reason, String message, FrameId re, String text);
  }

  private record Away(String nick, String message) {}

  private final ParleySettings settings;
  private final SessionServices services;
  private final ClientConnection connection;
  private final ActorRef<Room.Event> roomEvents;
  private final ActorRef<Directory.Event> directoryEvents;
  private final ReadGate gate;
  private final BlockedSenders blocked;
  private final OutputPump output;
  private final Departure departure;
  private final BadFrameWindow badFrames;
  private final PeerRequests peerRequests;
  private final JoinedRooms rooms;
  private final RoomRequests roomRequests;
  // told to each room the user joins; null, not away
  private Away away;

  Requests(
      SessionServices services,
      ClientConnection connection,
      ActorRef<Room.Event> roomEvents,
      ActorRef<Directory.Event> directoryEvents,
      ReadGate gate,
      OutputPump output,
      BlockedSenders blocked,
      Departure departure) {
    this.settings = services.settings();
    this.services = services;
    this.connection = connection;
    this.roomEvents = roomEvents;
    this.directoryEvents = directoryEvents;
    this.gate = gate;
    this.blocked = blocked;
    this.output = output;
    this.departure = departure;
    this.badFrames =
        new BadFrameWindow(settings.session().maxBadFrames(), settings.session().badFramesWindow());
    this.peerRequests = new PeerRequests(services, connection, directoryEvents, gate, output);
    this.rooms = new JoinedRooms(services.roomAddresses());
    this.roomRequests =
        new RoomRequests(
            settings.cluster().enabled()
                ? Optional.of(settings.cluster().sayTimeout())
                : Optional.empty());
  }

  JoinedRooms rooms() {
    return rooms;
  }

  RoomRequests roomRequests() {
    return roomRequests;
  }

  /** Does what {@code inbound} asks of a session in {@code phase} (not departing). */
  void handle(Inbound inbound, SessionPhase phase) {
    if (inbound instanceof Inbound.Frame decoded) {
      if (phase instanceof SessionPhase.LoggedIn in) {
        loggedIn(decoded.frame(), in);
      } else {
        beforeWelcome(decoded.frame());
      }
    } else if (inbound instanceof Inbound.Answered answered) {
      output.add(answered.reply());
    } else if (inbound instanceof Inbound.Undecodable bad) {
      refuse(bad.re(), bad.code(), bad.message());
      if (badFrames.recordAndCheckExceeded(System.nanoTime())) {
        departure.depart(DepartureReason.PROTOCOL_ERRORS, "too many bad frames", null, null);
      }
    }
  }

  private void beforeWelcome(ClientFrame frame) {
    if (frame instanceof ClientFrame.Hello hello) {
      hello(hello);
    } else if (frame instanceof ClientFrame.Ping ping) {
      output.send(new ServerFrame.Pong(ping.id()));
    } else if (frame instanceof ClientFrame.Quit quit) {
      departure.depart(DepartureReason.QUIT, "goodbye", quit.id(), null);
    } else {
      refuse(frame.id(), ErrorCode.NOT_LOGGED_IN, "say hello first");
    }
  }

  private void loggedIn(ClientFrame frame, SessionPhase.LoggedIn in) {
    if (frame instanceof ClientFrame.Ping ping) {
      output.send(new ServerFrame.Pong(ping.id()));
    } else if (frame instanceof ClientFrame.Quit quit) {
      // a quit always ends the session: words that break the text rules are left out
      boolean tellable =
          quit.text() != null
              && ProtocolRules.textProblem(quit.text(), settings.protocol().maxTextChars())
                  .isEmpty();
      departure.depart(DepartureReason.QUIT, "goodbye", quit.id(), tellable ? quit.text() : null);
    } else if (frame instanceof ClientFrame.Hello hello) {
      refuse(hello.id(), ErrorCode.ALREADY_LOGGED_IN, "you are logged in as " + in.nick());
    } else if (frame instanceof ClientFrame.Kick kick) {
      onKick(kick, in);
    } else {
      request(frame, in.nick(), in.login());
    }
  }

  private void request(ClientFrame frame, String nick, long login) {
    if (frame instanceof ClientFrame.Say say) {
      onSay(say, nick);
    } else if (frame instanceof ClientFrame.Join join) {
      onJoin(join, nick, login);
    } else if (frame instanceof ClientFrame.Create create) {
      onCreate(create, nick, login);
    } else if (frame instanceof ClientFrame.Leave leave) {
      joinedRoom(leave.id(), leave.room())
          .ifPresent(
              room -> askRoom(room, Room.Leave.asked(nick, roomEvents, leave.id()), leave.id()));
    } else if (frame instanceof ClientFrame.Topic topic) {
      onTopic(topic, nick);
    } else if (frame instanceof ClientFrame.Rooms list) {
      onRooms(list);
    } else if (frame instanceof ClientFrame.Who who) {
      onWho(who);
    } else if (frame instanceof ClientFrame.Users users) {
      askDirectory(new Directory.ListUsers(users.sinceS(), users.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Dm dm) {
      if (validText(dm.id(), dm.text())) {
        askDirectory(
            new Directory.SendDirect(
                nick, dm.to(), dm.text(), dm.id(), directoryEvents, dm.notice()));
      }
    } else if (frame instanceof ClientFrame.Block block) {
      askDirectory(new Directory.Block(nick, block.nick(), block.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Unblock unblock) {
      askDirectory(new Directory.Unblock(nick, unblock.nick(), unblock.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.Away set) {
      onAway(set, nick);
    } else if (frame instanceof ClientFrame.Register register) {
      if (!refusedPasswordInCleartext(register.id())) {
        askDirectory(
            new Directory.Register(
                nick, register.password(), connection.host(), register.id(), directoryEvents));
      }
    } else if (frame instanceof ClientFrame.History history) {
      onHistory(history);
    } else if (frame instanceof ClientFrame.Upload upload) {
      onUpload(upload, nick);
    } else if (PeerRequests.isPeerFrame(frame)) {
      peerRequests.handle(frame, nick);
    }
  }

  /** Asks for the nick the client wants, or any, after the checks a session makes itself. */
  private void hello(ClientFrame.Hello hello) {
    String wanted = hello.nick();
    if (wanted != null && !ProtocolRules.isValidNick(wanted)) {
      refuse(
          hello.id(),
          ErrorCode.NICK_INVALID,
          "a nick has 1 to 16 letters, digits or _-[]{}\\^| and starts with neither a digit nor -");
    } else if (wanted != null && settings.nicks().isReserved(wanted)) {
      refuse(hello.id(), ErrorCode.NICK_RESERVED, "nick " + wanted + " is reserved");
    } else if (hello.password() == null || !refusedPasswordInCleartext(hello.id())) {
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

  /** Welcomes a client whose hello was taken, gives it its mail, and joins the rooms of all. */
  void welcome(Directory.Claimed claimed) {
    output.send(
        new ServerFrame.Welcome(
            claimed.re(),
            claimed.nick(),
            ProtocolRules.PROTOCOL_VERSION,
            settings.serverName(),
            settings.motd()));
    // should the client be gone before it says anything more, the next login has the mail again
    claimed.mail().forEach(output::send);
    for (String room : settings.rooms().autoJoin()) {
      askRooms(
          new RoomManager.Join(
              room,
              claimed.nick(),
              roomEvents,
              null,
              claimed.login(),
              blocked.canonicalNicks(),
              null),
          null);
    }
  }

  void joined(String name, ActorRef<Room.Command> room) {
    var joined = rooms.joined(name, room);
    if (away != null) {
      joined.address().tell(new Room.SetAway(away.nick(), roomEvents, away.message()));
    }
  }

  void left(String name) {
    rooms.left(name);
  }

  boolean isIn(String room) {
    return rooms.isIn(room);
  }

  /**
   * The room {@code name} that answered this session's join stopped (its node stopped or died): the
   * session joins it again where it runs now, asking for what came after the last message the
   * client was sent. Unanswered to the client; the room's members see it join again.
   */
  void roomStopped(String name, ActorRef<Room.Command> incarnation, String nick, long login) {
    rooms.incarnationStopped(name, incarnation).ifPresent(room -> joinAgain(room, nick, login));
  }

  /**
   * The room, if {@code error}, {@code not_in_room} from a room this session is in, means that the
   * room moved to another node and started there before the session joined it again; the session
   * then joins it now, and the client is to send its request again.
   */
  Optional<String> movedRoomRefused(ServerFrame.Error error, String nick, long login) {
    if (error.code() != ErrorCode.NOT_IN_ROOM) {
      return Optional.empty();
    }
    var room = roomRequests.roomOf(error.re()).flatMap(rooms::get);
    room.filter(rooms::rejoin).ifPresent(moved -> joinAgain(moved, nick, login));
    return room.map(JoinedRooms.JoinedRoom::name);
  }

  /**
   * Whether the session still waits to join room {@code name} again; if so it asks once more: its
   * last join may have gone to the node the room left.
   */
  boolean joinAgainIfStillWaiting(String name, String nick, long login) {
    if (!rooms.isRejoining(name)) {
      return false;
    }
    rooms.get(name).ifPresent(room -> joinAgain(room, nick, login));
    return true;
  }

  private void joinAgain(JoinedRooms.JoinedRoom room, String nick, long login) {
    room.address()
        .tell(
            new Room.Join(
                nick,
                roomEvents,
                null,
                login,
                blocked.canonicalNicks(),
                rooms.lastSeq(room.name())));
  }

  /** Tells the client of each request a room did not answer in time, and reads on. */
  void giveUpOverdueRequests() {
    for (FrameId re : roomRequests.overdue()) {
      refuse(
          re,
          ErrorCode.ROOM_UNAVAILABLE,
          "the room did not answer in time: it is moving to another node; send it again");
      gate.answered();
    }
  }

  /** What the operator sees of the connection of {@code nick} (null before a welcome). */
  ConnectionInfo describe(String nick, Instant connectedSince) {
    return new ConnectionInfo(
        nick,
        connection.describe(),
        rooms.all().stream().map(JoinedRooms.JoinedRoom::name).toList(),
        connectedSince);
  }

  /**
   * The phase once the client read on past its welcome and mail: the mail leaves the store before
   * the frame it sent is answered.
   */
  SessionPhase takeMailOnReadingOn(SessionPhase phase) {
    if (phase instanceof SessionPhase.LoggedIn in && in.mailToTake() > 0) {
      askDirectory(new Directory.TakeMail(in.nick(), in.mailToTake(), directoryEvents));
      return in.mailTaken();
    }
    return phase;
  }

  /** A join answered after the bye: the room counts the member in, so it leaves as the others. */
  void cameAfterDeparture(Room.Event event, SessionPhase.Departing departing) {
    if (event instanceof Room.Joined joined) {
      joined
          .room()
          .tell(
              Room.Leave.departing(
                  departing.nick(), roomEvents, departing.reason(), departing.text()));
    }
  }

  /** A hello taken after the bye: the nick is released at once. */
  void cameAfterDeparture(Directory.Event event) {
    if (event instanceof Directory.Claimed claimed) {
      services.directory().tell(new Directory.Release(claimed.nick(), directoryEvents));
    }
  }

  /** Leaves every room for {@code reason}, saying {@code text} (or null), answered by none. */
  void leaveAll(String nick, DepartureReason reason, String text) {
    rooms
        .all()
        .forEach(room -> room.address().tell(Room.Leave.departing(nick, roomEvents, reason, text)));
    rooms.clear();
  }

  private void onSay(ClientFrame.Say say, String nick) {
    joinedRoom(say.id(), say.room())
        .filter(room -> validText(say.id(), say.text()))
        .ifPresent(
            room -> {
              room.address()
                  .tell(new Room.Post(nick, say.text(), say.id(), roomEvents, say.notice()));
              roomRequests.sent(say.id(), room.name());
              gate.askedSay(room.name());
            });
  }

  private void onUpload(ClientFrame.Upload upload, String nick) {
    Optional<JoinedRooms.JoinedRoom> room =
        upload.room() == null ? Optional.empty() : joinedRoom(upload.id(), upload.room());
    if (upload.room() == null || room.isPresent()) {
      services
          .files()
          .tell(
              new FileShelf.Share(
                  nick,
                  connection.host(),
                  connection.secure(),
                  upload,
                  room.map(JoinedRooms.JoinedRoom::incarnation).orElse(null),
                  directoryEvents));
      gate.asked();
    }
  }

  private void onKick(ClientFrame.Kick kick, SessionPhase.LoggedIn in) {
    joinedRoom(kick.id(), kick.room())
        .filter(room -> isOperator(kick.id(), in))
        .filter(room -> kick.text() == null || validText(kick.id(), kick.text()))
        .ifPresent(
            room ->
                askRoom(
                    room,
                    new Room.Kick(in.nick(), kick.nick(), kick.text(), kick.id(), roomEvents),
                    kick.id()));
  }

  private boolean isOperator(FrameId re, SessionPhase.LoggedIn in) {
    if (!in.operator()) {
      refuse(re, ErrorCode.NOT_OPERATOR, "only an operator may kick");
    }
    return in.operator();
  }

  private void onTopic(ClientFrame.Topic topic, String nick) {
    joinedRoom(topic.id(), topic.room())
        .filter(room -> validTopic(topic.id(), topic.topic()))
        .ifPresent(
            room ->
                askRoom(
                    room,
                    new Room.ChangeTopic(nick, topic.topic(), topic.id(), roomEvents),
                    topic.id()));
  }

  private void onAway(ClientFrame.Away set, String nick) {
    String message = set.meansBack() ? null : set.text();
    if (message != null
        && !validBoundedText(
            set.id(), message, settings.protocol().maxAwayBytes(), "an away message")) {
      return;
    }
    away = message == null ? null : new Away(nick, message);
    rooms.all().forEach(room -> room.address().tell(new Room.SetAway(nick, roomEvents, message)));
    askDirectory(new Directory.SetAway(nick, directoryEvents, message, set.id(), directoryEvents));
  }

  private void onJoin(ClientFrame.Join join, String nick, long login) {
    if (validRoomName(join.id(), join.room())) {
      askRooms(
          new RoomManager.Join(
              join.room(),
              nick,
              roomEvents,
              join.id(),
              login,
              blocked.canonicalNicks(),
              join.afterSeq()),
          join.id());
    }
  }

  private void onCreate(ClientFrame.Create create, String nick, long login) {
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
              blocked.canonicalNicks()),
          create.id());
    }
  }

  private void onRooms(ClientFrame.Rooms list) {
    int most = settings.rooms().maxHistoryPageSize();
    askRooms(
        new RoomManager.ListRooms(
            list.after(),
            list.limit() == null ? most : Math.min(list.limit(), most),
            settings.rooms().maxHistoryPageBytes(),
            list.id(),
            roomEvents),
        list.id());
  }

  private void onWho(ClientFrame.Who who) {
    if (ProtocolRules.isValidRoom(who.room())) {
      askRooms(new RoomManager.Who(who.room(), who.id(), roomEvents), who.id());
    } else {
      // who names no error but no_such_room: no room has an invalid name
      refuse(who.id(), ErrorCode.NO_SUCH_ROOM, "no room " + who.room());
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
                        blocked.canonicalNicks(),
                        history.id(),
                        roomEvents),
                    history.id()));
  }

  /** Refuses a frame that carries a password where passwords may not travel; whether it did. */
  private boolean refusedPasswordInCleartext(FrameId re) {
    // made when asked: frames with a password are rare, and an idle connection holds less
    Optional<String> refusal =
        new CleartextPasswords(settings.tls(), settings.irc()).refusal(connection);
    refusal.ifPresent(why -> refuse(re, ErrorCode.TLS_REQUIRED, why));
    return refusal.isPresent();
  }

  private void refuse(FrameId re, ErrorCode code, String message) {
    output.send(new ServerFrame.Error(re, code, message, null));
  }

  private void askDirectory(Directory.Command request) {
    services.directory().tell(request);
    gate.asked();
  }

  private void askRooms(RoomManager.Command request, FrameId re) {
    services.roomManager().tell(request);
    roomRequests.sent(re);
    gate.asked();
  }

  private void askRoom(JoinedRooms.JoinedRoom room, Room.Command request, FrameId re) {
    room.address().tell(request);
    roomRequests.sent(re, room.name());
    gate.asked();
  }

  private Optional<JoinedRooms.JoinedRoom> joinedRoom(FrameId re, String name) {
    var room = rooms.get(name);
    if (room.isEmpty()) {
      refuse(re, ErrorCode.NOT_IN_ROOM, "you are not in room " + name);
    }
    return room;
  }

  private boolean validRoomName(FrameId re, String name) {
    if (!ProtocolRules.isValidRoom(name)) {
      refuse(re, ErrorCode.ROOM_INVALID, "a room name has 1 to 32 letters, digits or _-.");
      return false;
    }
    return true;
  }

  private boolean validTopic(FrameId re, String topic) {
    return validBoundedText(re, topic, settings.protocol().maxTopicBytes(), "a topic");
  }

  /** Whether {@code text} keeps the text rules and has at most {@code maxBytes} of UTF-8. */
  private boolean validBoundedText(FrameId re, String text, int maxBytes, String what) {
    if (!validText(re, text)) {
      return false;
    }
    if (text.getBytes(StandardCharsets.UTF_8).length > maxBytes) {
      refuse(re, ErrorCode.TEXT_INVALID, what + " has at most " + maxBytes + " bytes of UTF-8");
      return false;
    }
    return true;
  }

  private boolean validText(FrameId re, String text) {
    Optional<String> problem = ProtocolRules.textProblem(text, settings.protocol().maxTextChars());
    problem.ifPresent(message -> refuse(re, ErrorCode.TEXT_INVALID, message));
    return problem.isEmpty();
  }
}
