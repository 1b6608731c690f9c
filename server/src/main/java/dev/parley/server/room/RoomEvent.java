package dev.parley.server.room;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import dev.parley.server.persistence.Stored;
import java.time.Instant;
import java.util.List;

/** What a room stores, in the order it happened: its messages and topics. */
public sealed interface RoomEvent extends Stored {

  /**
   * A message posted to the room; its {@code seq} is one more than the one before. Stored alone
   * only by earlier versions, and in snapshots; the room now stores {@link PostedTogether}. {@code
   * notice} true: a notice; absent, and not stored, on any other message. {@code file}: the file
   * the message shares; absent on any other. {@code id}: the id of the {@code say} that posted it,
   * so that the same say sent again is not stored twice; absent when it had none.
   */
  record Posted(
      long seq,
      String from,
      String text,
      Instant ts,
      @JsonInclude(JsonInclude.Include.NON_NULL) Boolean notice,
      @JsonInclude(JsonInclude.Include.NON_NULL) SharedFile file,
      @JsonInclude(JsonInclude.Include.NON_NULL) FrameId id)
      implements RoomEvent {

    public Posted(long seq, String from, String text, Instant ts) {
      this(seq, from, text, ts, null, null, null);
    }

    public Posted(long seq, String from, String text, Instant ts, Boolean notice) {
      this(seq, from, text, ts, notice, null, null);
    }

    public Posted(long seq, String from, String text, Instant ts, Boolean notice, SharedFile file) {
      this(seq, from, text, ts, notice, file, null);
    }

    /** The message as the room's members see it, answering {@code re}, or nothing when null. */
    ServerFrame.Message message(String room, FrameId re) {
      return new ServerFrame.Message(re, room, seq, from, text, ts, null, notice, file);
    }
  }

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
