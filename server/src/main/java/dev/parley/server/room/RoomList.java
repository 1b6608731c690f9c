package dev.parley.server.room;

import dev.parley.protocol.ProtocolRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The rooms people created, by canonical name, oldest first; what the room manager stores. The
 * empty list is never changed: Pekko starts every recovery of the room manager from that instance.
 */
final class RoomList {

  private final Map<String, RoomListEvent.Opened> rooms = new LinkedHashMap<>();
  private final boolean empty;

  private RoomList(boolean empty) {
    this.empty = empty;
  }

  /** No rooms yet; {@link #apply} returns a list of its own. */
  static RoomList empty() {
    return new RoomList(true);
  }

  static RoomList fromSnapshot(RoomListSnapshot snapshot) {
    var list = new RoomList(false);
    snapshot.rooms().forEach(list::apply);
    return list;
  }

  RoomListSnapshot toSnapshot() {
    return new RoomListSnapshot(rooms.values().stream().toList());
  }

  RoomList apply(RoomListEvent event) {
    RoomList list = empty ? new RoomList(false) : this;
    if (event instanceof RoomListEvent.Opened opened) {
      list.rooms.put(ProtocolRules.canonical(opened.name()), opened);
    }
    return list;
  }

  Collection<RoomListEvent.Opened> rooms() {
    return rooms.values();
  }
}
