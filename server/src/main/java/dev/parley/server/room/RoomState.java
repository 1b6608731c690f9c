package dev.parley.server.room;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.Optional;

/**
 * What a room keeps across restarts: its topic, its history and the next {@code seq}. Changed only
 * by {@link #apply}, on the room's own thread; a snapshot is a copy. The empty state is never
 * changed: Pekko starts every recovery of the room from that one instance.
 */
final class RoomState {

  private final String name;
  private final int historySize;
  private final History history;
  private final RecentSays recentSays;
  private final int rememberedSays;
  private final boolean empty;
  private String topic;
  private long nextSeq = 1;

  private RoomState(String name, String topic, int historySize, int rememberedSays, boolean empty) {
    this.name = name;
    this.topic = topic;
    this.historySize = historySize;
    this.history = new History(historySize);
    this.rememberedSays = rememberedSays;
    this.recentSays = new RecentSays(rememberedSays);
    this.empty = empty;
  }

  /**
   * A room with no message yet, whose {@link #apply} returns a state of its own; it remembers the
   * ids of its latest {@code rememberedSays} says.
   */
  static RoomState empty(String name, String topic, int historySize, int rememberedSays) {
    return new RoomState(name, topic, historySize, rememberedSays, true);
  }

  static RoomState fromSnapshot(
      String name, int historySize, int rememberedSays, RoomSnapshot snapshot) {
    var state = new RoomState(name, snapshot.topic(), historySize, rememberedSays, false);
    snapshot.history().forEach(state::apply);
    state.recentSays.addAll(snapshot.says());
    state.nextSeq = snapshot.nextSeq();
    return state;
  }

  RoomSnapshot toSnapshot() {
    return new RoomSnapshot(
        topic,
        nextSeq,
        history.all().stream()
            .map(
                message ->
                    new RoomEvent.Posted(
                        message.seq(),
                        message.from(),
                        message.text(),
                        message.ts(),
                        message.notice(),
                        message.file()))
            .toList(),
        recentSays.toSnapshot());
  }

  RoomState apply(RoomEvent event) {
    RoomState state = empty ? new RoomState(name, topic, historySize, rememberedSays, false) : this;
    state.change(event);
    return state;
  }

  private void change(RoomEvent event) {
    if (event instanceof RoomEvent.PostedTogether together) {
      together.posts().forEach(this::add);
    } else if (event instanceof RoomEvent.Posted posted) {
      add(posted);
    } else if (event instanceof RoomEvent.TopicSet set) {
      topic = set.topic();
    } else if (event instanceof RoomEvent.HistoryExpired expired) {
      history.forgetThrough(expired.throughSeq());
    }
  }

  private void add(RoomEvent.Posted posted) {
    history.add(posted.message(name, null));
    recentSays.add(posted.from(), posted.id(), posted.seq());
    nextSeq = posted.seq() + 1;
  }

  /** The message that the say of {@code from} numbered {@code id} posted, if it is still kept. */
  Optional<ServerFrame.Message> storedSay(String from, FrameId id) {
    var seq = recentSays.seqOf(from, id);
    return seq.isEmpty() ? Optional.empty() : history.withSeq(seq.getAsLong());
  }

  String topic() {
    return topic;
  }

  long nextSeq() {
    return nextSeq;
  }

  History history() {
    return history;
  }
}
