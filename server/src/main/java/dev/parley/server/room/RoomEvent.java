package dev.parley.server.room;

import dev.parley.server.persistence.Stored;
import java.time.Instant;

/** What a room stores, in the order it happened: its messages and topics. */
public sealed interface RoomEvent extends Stored {

  /** A message posted to the room; its {@code seq} is one more than the one before. */
  record Posted(long seq, String from, String text, Instant ts) implements RoomEvent {}

  record TopicSet(String topic, String by, Instant ts) implements RoomEvent {}

  /** Every message up to {@code seq} is older than the room keeps messages. */
  record HistoryExpired(long throughSeq) implements RoomEvent {}
}
