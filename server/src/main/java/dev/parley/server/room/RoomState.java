package dev.parley.server.room;

import dev.parley.protocol.ServerFrame;

/**
 * What a room keeps across restarts: its topic, its history and the next {@code seq}. Changed only
 * by {@link #apply}, on the room's own thread; a snapshot is a copy.
 */
final class RoomState {

  private final String name;
  private final History history;
  private String topic;
  private long nextSeq;

  RoomState(String name, String topic, int historySize) {
    this(name, topic, 1, new History(historySize));
  }

  private RoomState(String name, String topic, long nextSeq, History history) {
    this.name = name;
    this.topic = topic;
    this.nextSeq = nextSeq;
    this.history = history;
  }

  static RoomState fromSnapshot(String name, int historySize, RoomSnapshot snapshot) {
    var state = new RoomState(name, snapshot.topic(), 1, new History(historySize));
    snapshot.history().forEach(state::apply);
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
                        message.seq(), message.from(), message.text(), message.ts()))
            .toList());
  }

  RoomState apply(RoomEvent event) {
    if (event instanceof RoomEvent.Posted posted) {
      history.add(
          new ServerFrame.Message(
              null, name, posted.seq(), posted.from(), posted.text(), posted.ts(), null));
      nextSeq = posted.seq() + 1;
    } else if (event instanceof RoomEvent.TopicSet set) {
      topic = set.topic();
    } else if (event instanceof RoomEvent.HistoryExpired expired) {
      history.forgetThrough(expired.throughSeq());
    }
    return this;
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
