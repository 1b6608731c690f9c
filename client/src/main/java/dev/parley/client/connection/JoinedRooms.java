package dev.parley.client.connection;

import dev.parley.protocol.ServerFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * The rooms the user is in, by canonical name in the order joined, and the current one: where what
 * the user says goes. Belongs to the {@link Connection} actor.
 */
final class JoinedRooms {

  /**
   * What to do with a message that arrived: whether to show it (unless the user blocks its sender),
   * what of a gap it tells is lost, and whether a gap may want a fill now.
   */
  record Arrival(boolean show, Optional<ClientEvent.GapLost> lost, boolean fillDue) {

    static final Arrival SHOW = new Arrival(true, Optional.empty(), false);
    static final Arrival SHOWN_BEFORE = new Arrival(false, Optional.empty(), false);
  }

  private final Map<String, JoinedRoom> rooms = new LinkedHashMap<>();
  // canonical; null, the user is in no room
  private String current;

  /** The room of canonical name {@code key}; null when the user is not in it. */
  JoinedRoom get(String key) {
    return rooms.get(key);
  }

  /** The current room's name as the server spells it; null when the user is in no room. */
  String currentName() {
    return current == null ? null : rooms.get(current).name();
  }

  /** The names of all the rooms the user is in, as the server spells them. */
  List<String> names() {
    return rooms.values().stream().map(JoinedRoom::name).toList();
  }

  void forEach(BiConsumer<String, JoinedRoom> action) {
    rooms.forEach(action);
  }

  /**
   * The server says the user is in the room {@code key}: it becomes the current one when {@code
   * makeCurrent} or when there was none. Whether it was joined already on this connection.
   */
  boolean joined(String key, ServerFrame.Joined joined, boolean makeCurrent) {
    boolean again =
        rooms
            .computeIfAbsent(key, k -> new JoinedRoom(joined.room()))
            .joined(joined.room(), joined.replay());
    if (makeCurrent || current == null) {
      current = key;
    }
    return again;
  }

  /**
   * Makes the room {@code key}, one the user is in, the current one; false when it is not one, or
   * is current already.
   */
  boolean makeCurrent(String key) {
    if (!rooms.containsKey(key) || key.equals(current)) {
      return false;
    }
    current = key;
    return true;
  }

  /** The user is no longer in the room {@code key}: the latest joined becomes the current one. */
  void remove(String key) {
    rooms.remove(key);
    if (key.equals(current)) {
      current = latest();
    }
  }

  /**
   * A message for the room {@code key} arrived: {@code asked} in answer to what the user typed,
   * {@code fill} to a fill of a gap, or else live or replayed after a join.
   */
  Arrival messageArrived(String key, ServerFrame.Message message, boolean asked, boolean fill) {
    JoinedRoom room = rooms.get(key);
    if (asked) {
      // the echo of your own say is a message shown like any other; a /history answer is old
      if (room != null && !Boolean.TRUE.equals(message.replay())) {
        room.shown(message);
      }
      return Arrival.SHOW;
    }
    if (room == null) {
      return Arrival.SHOW;
    }
    if (fill) {
      var step = room.fillMessage(message);
      return new Arrival(step.show(), step.lost().map(lost -> gapLost(room, lost)), false);
    }
    if (Boolean.TRUE.equals(message.replay()) && room.takeReplay()) {
      if (room.alreadyShown(message)) {
        return Arrival.SHOWN_BEFORE;
      }
      room.missedBefore(message).ifPresent(room::addGap);
    }
    room.shown(message);
    return new Arrival(true, Optional.empty(), true);
  }

  /** The server tells of a gap in the room {@code key}; false when the user is not in it. */
  boolean addGap(String key, JoinedRoom.SeqRange gap) {
    JoinedRoom room = rooms.get(key);
    if (room == null) {
      return false;
    }
    room.addGap(gap);
    return true;
  }

  /** The fill of the room {@code key} ended: what of its gap is lost for good, if any. */
  Optional<ClientEvent.GapLost> fillEnded(String key) {
    JoinedRoom room = rooms.get(key);
    return room == null ? Optional.empty() : room.fillEnded().map(lost -> gapLost(room, lost));
  }

  void fillRefused(String key) {
    JoinedRoom room = rooms.get(key);
    if (room != null) {
      room.fillRefused();
    }
  }

  /** Whether the room {@code key} is joined and has a gap to fill, with no fill under way. */
  boolean needsFill(String key) {
    JoinedRoom room = rooms.get(key);
    return room != null && room.needsFill();
  }

  void linkLost() {
    rooms.values().forEach(JoinedRoom::linkLost);
  }

  private static ClientEvent.GapLost gapLost(JoinedRoom room, JoinedRoom.SeqRange lost) {
    return new ClientEvent.GapLost(room.name(), lost.from(), lost.to());
  }

  private String latest() {
    String latest = null;
    for (String key : rooms.keySet()) {
      latest = key;
    }
    return latest;
  }
}
