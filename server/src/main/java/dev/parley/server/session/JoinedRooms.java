package dev.parley.server.session;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomAddresses;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * The rooms a session is in: where to send to each, the room that answered its join, and the last
 * {@code seq} the client was sent, so that a jump in {@code seq} (messages missed while the room
 * moved between nodes) is told as a gap, and a join again asks only for what came after it.
 */
final class JoinedRooms {

  /** A room the session is in. */
  static final class JoinedRoom {
    private final String name;
    private RecipientRef<Room.Command> address;
    private ActorRef<Room.Command> incarnation;
    // 0: no message of the room reached the client since it joined
    private long lastSeq;
    private boolean rejoining;

    private JoinedRoom(String name) {
      this.name = name;
    }

    String name() {
      return name;
    }

    RecipientRef<Room.Command> address() {
      return address;
    }

    ActorRef<Room.Command> incarnation() {
      return incarnation;
    }
  }

  private final RoomAddresses addresses;
  private final Map<String, JoinedRoom> rooms = new LinkedHashMap<>();

  JoinedRooms(RoomAddresses addresses) {
    this.addresses = addresses;
  }

  /** The session is in room {@code name} now, as {@code incarnation} answered its join. */
  JoinedRoom joined(String name, ActorRef<Room.Command> incarnation) {
    JoinedRoom room =
        rooms.computeIfAbsent(ProtocolRules.canonical(name), key -> new JoinedRoom(name));
    room.incarnation = incarnation;
    room.address = addresses.of(room.name, incarnation);
    room.rejoining = false;
    return room;
  }

  Optional<JoinedRoom> get(String name) {
    return Optional.ofNullable(rooms.get(ProtocolRules.canonical(name)));
  }

  void left(String name) {
    rooms.remove(ProtocolRules.canonical(name));
  }

  boolean isIn(String name) {
    return rooms.containsKey(ProtocolRules.canonical(name));
  }

  Collection<JoinedRoom> all() {
    return rooms.values();
  }

  void clear() {
    rooms.clear();
  }

  /**
   * The room that answered the session's join of {@code name} stopped: the session is to join its
   * next incarnation, after the last message it was sent. Empty when the session is no longer in
   * that room, or in it through another incarnation already.
   */
  Optional<JoinedRoom> incarnationStopped(String name, ActorRef<Room.Command> incarnation) {
    JoinedRoom room = rooms.get(ProtocolRules.canonical(name));
    if (room == null || !room.incarnation.equals(incarnation) || room.rejoining) {
      return Optional.empty();
    }
    room.rejoining = true;
    return Optional.of(room);
  }

  /** The session is to join {@code room} again, which moved: whether it is not doing so already. */
  boolean rejoin(JoinedRoom room) {
    if (room.rejoining) {
      return false;
    }
    room.rejoining = true;
    return true;
  }

  /** Whether a join's answer for {@code name} is that of a join again after its room moved. */
  boolean isRejoining(String name) {
    JoinedRoom room = rooms.get(ProtocolRules.canonical(name));
    return room != null && room.rejoining;
  }

  /** The last {@code seq} of {@code name} the client was sent, or null before any. */
  Long lastSeq(String name) {
    JoinedRoom room = rooms.get(ProtocolRules.canonical(name));
    return room == null || room.lastSeq == 0 ? null : room.lastSeq;
  }

  /**
   * The client is sent message {@code seq} of {@code name} next: the gap before it when messages
   * came in between that it was not sent (none when it is the next, or the first since a join).
   */
  Optional<ServerFrame.Gap> sending(String name, long seq) {
    JoinedRoom room = rooms.get(ProtocolRules.canonical(name));
    if (room == null || seq <= room.lastSeq) {
      return Optional.empty();
    }
    long last = room.lastSeq;
    room.lastSeq = seq;
    return last == 0 || seq == last + 1
        ? Optional.empty()
        : Optional.of(new ServerFrame.Gap(room.name, last + 1, seq - 1));
  }
}
