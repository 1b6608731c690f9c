package dev.parley.server.room;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The {@code seq} of a room's latest stored says, by their senders and ids, at most {@code
 * capacity} of them: a say sent again with the same id is the one stored already.
 */
final class RecentSays {

  private record SayId(String from, FrameId id) {}

  private final int capacity;
  private final Map<SayId, Long> seqs;

  RecentSays(int capacity) {
    this.capacity = capacity;
    this.seqs =
        new LinkedHashMap<>() {
          @Override
          protected boolean removeEldestEntry(Map.Entry<SayId, Long> eldest) {
            return size() > RecentSays.this.capacity;
          }
        };
  }

  void add(String from, FrameId id, long seq) {
    if (id != null && capacity > 0) {
      seqs.put(new SayId(ProtocolRules.canonical(from), id), seq);
    }
  }

  OptionalLong seqOf(String from, FrameId id) {
    if (id == null) {
      return OptionalLong.empty();
    }
    Long seq = seqs.get(new SayId(ProtocolRules.canonical(from), id));
    return seq == null ? OptionalLong.empty() : OptionalLong.of(seq);
  }

  List<RoomSnapshot.RememberedSay> toSnapshot() {
    return seqs.entrySet().stream()
        .map(
            say ->
                new RoomSnapshot.RememberedSay(
                    say.getKey().from(), say.getKey().id(), say.getValue()))
        .toList();
  }

  void addAll(List<RoomSnapshot.RememberedSay> says) {
    says.forEach(say -> add(say.from(), say.id(), say.seq()));
  }
}
