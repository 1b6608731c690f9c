package dev.parley.client.connection;

import dev.parley.protocol.ServerFrame;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * The rooms the user is in, by canonical name in the order joined, and the current one: where what
 * the user says goes. Belongs to the {@link Connection} actor.
 */
final class JoinedRooms {

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

  /** The user is no longer in the room {@code key}: the latest joined becomes the current one. */
  void remove(String key) {
    rooms.remove(key);
    if (key.equals(current)) {
      current = latest();
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

  private String latest() {
    String latest = null;
    for (String key : rooms.keySet()) {
      latest = key;
    }
    return latest;
  }
}
