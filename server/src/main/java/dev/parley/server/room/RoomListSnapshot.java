package dev.parley.server.room;

import dev.parley.server.persistence.Stored;
import java.util.List;

/** The rooms people created, oldest first, as stored in a snapshot. */
public record RoomListSnapshot(List<RoomListEvent.Opened> rooms) implements Stored {

  public RoomListSnapshot {
    rooms = List.copyOf(rooms);
  }
}
