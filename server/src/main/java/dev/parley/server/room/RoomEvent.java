package dev.parley.server.room;

import dev.parley.server.persistence.Stored;
import java.time.Instant;
import java.util.List;

/** What a room stores, in the order it happened: its messages and topics. */
public sealed interface RoomEvent extends Stored {

  /**
   * A message posted to the room; its {@code seq} is one more than the one before. Stored alone
   * only by earlier versions, and in snapshots; the room now stores {@link PostedTogether}.
   */
  record Posted(long seq, String from, String text, Instant ts) implements RoomEvent {}

  /**
   * The messages the room stored in one write, in {@code seq} order: one row in the store for all
   * of them, and one to delete when the room's snapshots move on.
   */
  record PostedTogether(List<Posted> posts) implements RoomEvent {
    public PostedTogether {
      posts = List.copyOf(posts);
    }
  }

  record TopicSet(String topic, String by, Instant ts) implements RoomEvent {}

  /** Every message up to {@code seq} is older than the room keeps messages. */
  record HistoryExpired(long throughSeq) implements RoomEvent {}
}
