package dev.parley.server.session;

import dev.parley.protocol.FrameId;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * In a cluster, the requests a session sent to rooms and the room manager, which may be on a node
 * that dies: one that is not answered in time is given up, so that the client hears of it and the
 * session reads on; an answer that comes after that is dropped. On one server nothing is tracked: a
 * room always answers, if late.
 */
final class RoomRequests {

  // room: the room asked, null for the room manager
  private record Waiting(FrameId re, String room, long sentAtNanos) {}

  private final Optional<Duration> timeout;
  private final LinkedList<Waiting> waiting = new LinkedList<>();

  RoomRequests(Optional<Duration> timeout) {
    this.timeout = timeout;
  }

  /** A request numbered {@code re} (null: none) went to the room manager. */
  void sent(FrameId re) {
    sent(re, null);
  }

  /** A request numbered {@code re} (null: none) went to {@code room}. */
  void sent(FrameId re, String room) {
    if (timeout.isPresent()) {
      waiting.add(new Waiting(re, room, System.nanoTime()));
    }
  }

  /** The room that the first request waiting with {@code re} went to, if one did. */
  Optional<String> roomOf(FrameId re) {
    return waiting.stream()
        .filter(request -> Objects.equals(request.re(), re))
        .findFirst()
        .map(Waiting::room);
  }

  /**
   * An answer to {@code re} came: whether a request waited for it, and was not given up on. The
   * first request waiting with that id (or none) takes it: a room answers in order.
   */
  boolean answered(FrameId re) {
    if (timeout.isEmpty()) {
      return true;
    }
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      if (Objects.equals(it.next().re(), re)) {
        it.remove();
        return true;
      }
    }
    return false;
  }

  /** The ids of the requests waiting longer than the timeout, given up on from now. */
  List<FrameId> overdue() {
    var given = new ArrayList<FrameId>();
    if (timeout.isEmpty()) {
      return given;
    }
    long oldest = System.nanoTime() - timeout.get().toNanos();
    for (Iterator<Waiting> it = waiting.iterator(); it.hasNext(); ) {
      Waiting next = it.next();
      if (next.sentAtNanos() - oldest <= 0) {
        given.add(next.re());
        it.remove();
      }
    }
    return given;
  }

  boolean isWaiting() {
    return !waiting.isEmpty();
  }
}
