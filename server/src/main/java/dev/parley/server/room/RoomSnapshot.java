package dev.parley.server.room;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.protocol.FrameId;
import dev.parley.server.persistence.Stored;
import java.util.List;

/**
 * A room as stored in a snapshot: its topic, the next {@code seq}, the history it keeps, and the
 * ids of its latest says (none in snapshots of versions before them).
 */
public record RoomSnapshot(
    String topic,
    long nextSeq,
    List<RoomEvent.Posted> history,
    @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RememberedSay> says)
    implements Stored {

  /** A say's id, as its client numbered it, its sender canonical, and the {@code seq} it got. */
  public record RememberedSay(String from, FrameId id, long seq) {}

  public RoomSnapshot {
    history = List.copyOf(history);
    says = says == null ? List.of() : List.copyOf(says);
  }

  public RoomSnapshot(String topic, long nextSeq, List<RoomEvent.Posted> history) {
    this(topic, nextSeq, history, List.of());
  }
}
