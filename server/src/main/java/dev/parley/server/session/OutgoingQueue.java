package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * The output of one session waiting for its reader, bounded in bytes. Room messages that do not fit
 * are dropped, and each run of them is announced with a {@code gap} as soon as there is room again,
 * before any later message of that room. Everything else is always kept.
 */
final class OutgoingQueue {

  private record DroppedRun(long fromSeq, long toSeq) {}

  private final int maxBytes;
  private final FrameCodec codec;
  // what was taken from here and handed to the connection, which has not taken it yet
  private final LongSupplier handedOverBytes;
  private final ArrayDeque<ByteString> frames = new ArrayDeque<>();
  private final Map<String, DroppedRun> droppedByRoom = new LinkedHashMap<>();
  private long bytes;

  OutgoingQueue(int maxBytes, FrameCodec codec, LongSupplier handedOverBytes) {
    this.maxBytes = maxBytes;
    this.codec = codec;
    this.handedOverBytes = handedOverBytes;
  }

  void add(ByteString frame) {
    frames.addLast(frame);
    bytes += frame.length();
  }

  /** Adds a message of {@code room}, or drops it when it does not fit. */
  void addRoomMessage(String room, long seq, ByteString frame) {
    long held = held();
    boolean fits = held == 0 || held + frame.length() <= maxBytes;
    DroppedRun run = droppedByRoom.get(room);
    if (!fits) {
      droppedByRoom.put(
          room, run == null ? new DroppedRun(seq, seq) : new DroppedRun(run.fromSeq(), seq));
      return;
    }
    if (run != null) {
      announce(room, droppedByRoom.remove(room));
    }
    add(frame);
  }

  /**
   * Adds several messages of {@code room} in one piece, if all of them fit within the bound and
   * none of the room's is being dropped; otherwise adds nothing and answers false, and they are to
   * be added one by one.
   */
  boolean addRoomMessages(String room, ByteString frames) {
    if (held() + frames.length() > maxBytes || droppedByRoom.containsKey(room)) {
      return false;
    }
    add(frames);
    return true;
  }

  /** Adds a message of {@code room} that is never dropped; a gap it would overtake goes first. */
  void addKeptRoomMessage(String room, ByteString frame) {
    DroppedRun run = droppedByRoom.remove(room);
    if (run != null) {
      announce(room, run);
    }
    add(frame);
  }

  boolean isEmpty() {
    return frames.isEmpty();
  }

  /** Whether the reader is behind by the whole bound: its session stops reading its frames. */
  boolean isFull() {
    return held() >= maxBytes;
  }

  /** Takes everything waiting, as one piece to write; the gaps of dropped runs come next. */
  ByteString takeAll() {
    ByteString batch = frames.size() == 1 ? frames.poll() : joined(frames);
    frames.clear();
    bytes = 0;
    droppedByRoom.forEach(this::announce);
    droppedByRoom.clear();
    return batch;
  }

  // most writes are one piece, which needs no builder: its buffers were a sixth of the allocations
  private static ByteString joined(ArrayDeque<ByteString> pieces) {
    var joined = new ByteStringBuilder();
    pieces.forEach(joined::append);
    return joined.result();
  }

  private long held() {
    return bytes + handedOverBytes.getAsLong();
  }

  private void announce(String room, DroppedRun run) {
    add(
        ByteString.fromArrayUnsafe(
            codec.encode(new ServerFrame.Gap(room, run.fromSeq(), run.toSeq()))));
  }
}
