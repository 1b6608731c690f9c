package dev.parley.server.room;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.SharedFrames;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A room's events (who joined, who left) not yet told to its members, so that a burst of them, such
 * as a thousand joins at once, reaches each member as one message instead of one each. A member is
 * told only the events since it joined.
 */
final class PendingEvents {

  private final List<ServerFrame> events = new ArrayList<>();
  // where the events start for the members that joined while some were waiting
  private final Map<String, Integer> joinedAt = new HashMap<>();

  boolean isEmpty() {
    return events.isEmpty();
  }

  void add(ServerFrame event) {
    events.add(event);
  }

  /** The member of {@code key} joined now: the events so far are not for it. */
  void memberJoined(String key) {
    if (!isEmpty()) {
      joinedAt.put(key, events.size());
    }
  }

  /** Tells every member, in one {@link Room.Broadcast}, the events since it joined. */
  void tell(Map<String, RoomMembers.Member> members) {
    if (isEmpty()) {
      return;
    }
    var all = SharedFrames.of(events);
    var everything = new Room.Broadcast(all);
    members.forEach(
        (key, member) -> {
          Integer from = joinedAt.get(key);
          if (from == null) {
            member.session().tell(everything);
          } else if (from < events.size()) {
            member.session().tell(new Room.Broadcast(all.tail(from)));
          }
        });
    events.clear();
    joinedAt.clear();
  }
}
