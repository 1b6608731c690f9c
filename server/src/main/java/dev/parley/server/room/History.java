package dev.parley.server.room;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The latest messages of one room, at most {@code capacity}, oldest forgotten first. Their {@code
 * seq}s are consecutive, so a message is found by arithmetic, not by search.
 */
final class History {

  private final ServerFrame.Message[] ring;
  private int start;
  private int size;

  History(int capacity) {
    this.ring = new ServerFrame.Message[capacity];
  }

  void add(ServerFrame.Message message) {
    if (size == ring.length) {
      ring[start] = message;
      start = (start + 1) % ring.length;
    } else {
      ring[(start + size) % ring.length] = message;
      size++;
    }
  }

  /** Forgets every message up to {@code seq}. */
  void forgetThrough(long seq) {
    while (size > 0 && ring[start].seq() <= seq) {
      ring[start] = null;
      start = (start + 1) % ring.length;
      size--;
    }
  }

  /** The {@code seq} of the latest message posted before {@code instant}, if any. */
  OptionalLong lastSeqBefore(Instant instant) {
    OptionalLong last = OptionalLong.empty();
    for (int i = 0; i < size && ring[(start + i) % ring.length].ts().isBefore(instant); i++) {
      last = OptionalLong.of(ring[(start + i) % ring.length].seq());
    }
    return last;
  }

  /** Every message kept, oldest first. */
  List<ServerFrame.Message> all() {
    return slice(0, size);
  }

  /**
   * The latest {@code limit} messages of senders other than the {@code withheld} (canonical nicks),
   * oldest first: a reader who blocks someone still gets a page of {@code limit}.
   */
  List<ServerFrame.Message> latest(int limit, Set<String> withheld) {
    return shownBefore(size, limit, withheld);
  }

  /** As {@link #latest(int, Set)}, of the messages after {@code seq} alone. */
  List<ServerFrame.Message> latestAfter(long seq, int limit, Set<String> withheld) {
    var latest = latest(limit, withheld);
    int firstAfter = 0;
    while (firstAfter < latest.size() && latest.get(firstAfter).seq() <= seq) {
      firstAfter++;
    }
    return latest.subList(firstAfter, latest.size());
  }

  /** The message of {@code seq}, if it is kept. */
  Optional<ServerFrame.Message> withSeq(long seq) {
    long index = seq - firstSeq();
    return index < 0 || index >= size ? Optional.empty() : Optional.of(at((int) index));
  }

  /** The seq of the oldest message kept; {@link Long#MAX_VALUE} when none is. */
  long firstKeptSeq() {
    return firstSeq();
  }

  /** As {@link #latest(int, Set)}, just before {@code seq}. */
  List<ServerFrame.Message> before(long seq, int limit, Set<String> withheld) {
    return shownBefore((int) Math.max(0, Math.min(size, seq - firstSeq())), limit, withheld);
  }

  /** As {@link #latest(int, Set)}, just after {@code seq}. */
  List<ServerFrame.Message> after(long seq, int limit, Set<String> withheld) {
    int from = (int) Math.max(0, Math.min(size, seq + 1 - firstSeq()));
    var messages = new ArrayList<ServerFrame.Message>(Math.min(limit, size - from));
    for (int i = from; i < size && messages.size() < limit; i++) {
      if (isShown(at(i), withheld)) {
        messages.add(at(i));
      }
    }
    return messages;
  }

  // up to limit shown messages before the end-th kept one, oldest first
  private List<ServerFrame.Message> shownBefore(int end, int limit, Set<String> withheld) {
    int from = end;
    int shown = 0;
    while (from > 0 && shown < limit) {
      from--;
      if (isShown(at(from), withheld)) {
        shown++;
      }
    }
    var messages = new ArrayList<ServerFrame.Message>(shown);
    for (int i = from; i < end; i++) {
      if (isShown(at(i), withheld)) {
        messages.add(at(i));
      }
    }
    return messages;
  }

  private static boolean isShown(ServerFrame.Message message, Set<String> withheld) {
    return withheld.isEmpty() || !withheld.contains(ProtocolRules.canonical(message.from()));
  }

  private ServerFrame.Message at(int index) {
    return ring[(start + index) % ring.length];
  }

  private long firstSeq() {
    return size == 0 ? Long.MAX_VALUE : ring[start].seq();
  }

  private List<ServerFrame.Message> slice(int from, int to) {
    var messages = new ArrayList<ServerFrame.Message>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      messages.add(at(i));
    }
    return messages;
  }
}
