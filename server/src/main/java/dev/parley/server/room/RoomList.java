package dev.parley.server.room;

import dev.parley.protocol.ProtocolRules;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/** The rooms people created, by canonical name, oldest first; what the room manager stores. */
final class RoomList {

  private final Map<String, RoomListEvent.Opened> rooms = new LinkedHashMap<>();

  static RoomList fromSnapshot(RoomListSnapshot snapshot) {
    var list = new RoomList();
    snapshot.rooms().forEach(list::apply);
    return list;
  }

  RoomListSnapshot toSnapshot() {
    return new RoomListSnapshot(rooms.values().stream().toList());
  }

  RoomList apply(RoomListEvent event) {
    if (event instanceof RoomListEvent.Opened opened) {
      rooms.put(ProtocolRules.canonical(opened.name()), opened);
    }
    return this;
  }

  Collection<RoomListEvent.Opened> rooms() {
    return rooms.values();
  }
}
