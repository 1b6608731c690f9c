package dev.parley.server.room;

import dev.parley.server.persistence.Stored;
import java.time.Instant;

/** What the room manager stores: the rooms people created, so that they exist after a restart. */
public sealed interface RoomListEvent extends Stored {

  record Opened(String name, String topic, Instant ts) implements RoomListEvent {}
}
