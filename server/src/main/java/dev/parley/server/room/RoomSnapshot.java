package dev.parley.server.room;

import dev.parley.server.persistence.Stored;
import java.util.List;

/** A room as stored in a snapshot: its topic, the next {@code seq} and the history it keeps. */
public record RoomSnapshot(String topic, long nextSeq, List<RoomEvent.Posted> history)
    implements Stored {

  public RoomSnapshot {
    history = List.copyOf(history);
  }
}
