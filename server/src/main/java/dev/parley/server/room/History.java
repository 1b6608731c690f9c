package dev.parley.server.room;

import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

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

  /** The latest {@code limit} messages, oldest first. */
  List<ServerFrame.Message> latest(int limit) {
    return slice(Math.max(0, size - limit), size);
  }

  /** Up to {@code limit} messages just before {@code seq}, oldest first. */
  List<ServerFrame.Message> before(long seq, int limit) {
    int end = (int) Math.max(0, Math.min(size, seq - firstSeq()));
    return slice(Math.max(0, end - limit), end);
  }

  /** Up to {@code limit} messages just after {@code seq}, oldest first. */
  List<ServerFrame.Message> after(long seq, int limit) {
    int from = (int) Math.max(0, Math.min(size, seq + 1 - firstSeq()));
    return slice(from, (int) Math.min(size, (long) from + limit));
  }

  private long firstSeq() {
    return size == 0 ? Long.MAX_VALUE : ring[start].seq();
  }

  private List<ServerFrame.Message> slice(int from, int to) {
    var messages = new ArrayList<ServerFrame.Message>(Math.max(0, to - from));
    for (int i = from; i < to; i++) {
      messages.add(ring[(start + i) % ring.length]);
    }
    return messages;
  }
}
