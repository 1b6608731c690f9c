package dev.parley.server.room;

import java.util.HashMap;
import java.util.Map;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * A room's events (who joined, who left) not yet told to its members, so that a burst of them, such
 * as a thousand joins at once, reaches each member as one message instead of one each. A member is
 * told only the events since it joined.
 */
final class PendingEvents {

  private final ByteStringBuilder frames = new ByteStringBuilder();
  // where the events start for the members that joined while some were waiting
  private final Map<String, Integer> joinedAt = new HashMap<>();

  boolean isEmpty() {
    return frames.isEmpty();
  }

  void add(ByteString frame) {
    frames.append(frame);
  }

  /** The member of {@code key} joined now: the events so far are not for it. */
  void memberJoined(String key) {
    if (!isEmpty()) {
      joinedAt.put(key, frames.length());
    }
  }

  /** Tells every member, in one {@link Room.Broadcast}, the events since it joined. */
  void tell(Map<String, Room.Member> members) {
    if (isEmpty()) {
      return;
    }
    ByteString all = frames.result();
    var everything = new Room.Broadcast(all);
    members.forEach(
        (key, member) -> {
          Integer from = joinedAt.get(key);
          if (from == null) {
            member.session().tell(everything);
          } else if (from < all.length()) {
            member.session().tell(new Room.Broadcast(all.drop(from)));
          }
        });
    frames.clear();
    joinedAt.clear();
  }
}
