package dev.parley.server.session;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;

/** Whom a logged-in user blocks: their messages in rooms and in replays do not reach it. */
final class BlockedSenders {

  private Set<String> blocked = Set.of();

  void replaceWith(Set<String> canonicalNicks) {
    blocked = Set.copyOf(canonicalNicks);
  }

  /** The blocked nicks, canonical, for a room to leave out of what it replays. */
  Set<String> canonicalNicks() {
    return blocked;
  }

  boolean blocks(String nick) {
    return !blocked.isEmpty() && blocked.contains(ProtocolRules.canonical(nick));
  }

  boolean blocksNoneOf(Set<String> canonicalNicks) {
    return blocked.isEmpty() || Collections.disjoint(blocked, canonicalNicks);
  }

  List<ServerFrame.Message> withoutBlocked(List<ServerFrame.Message> messages) {
    return blocked.isEmpty()
        ? messages
        : messages.stream().filter(message -> !blocks(message.from())).toList();
  }

  /** A history answer without the blocked users' messages, its end counting what is left. */
  List<ServerFrame> withoutBlockedHistory(List<ServerFrame> frames) {
    if (blocked.isEmpty()) {
      return frames;
    }
    var kept = new ArrayList<ServerFrame>(frames.size());
    int withheld = 0;
    for (ServerFrame frame : frames) {
      if (frame instanceof ServerFrame.Message message
          && Boolean.TRUE.equals(message.replay())
          && blocks(message.from())) {
        withheld++;
      } else if (frame instanceof ServerFrame.HistoryEnd end) {
        kept.add(new ServerFrame.HistoryEnd(end.re(), end.room(), end.count() - withheld));
      } else {
        kept.add(frame);
      }
    }
    return kept;
  }
}
