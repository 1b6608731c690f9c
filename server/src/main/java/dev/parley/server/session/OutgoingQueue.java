package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayDeque;
import java.util.LinkedHashMap;
import java.util.Map;
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
  private final ArrayDeque<ByteString> frames = new ArrayDeque<>();
  private final Map<String, DroppedRun> droppedByRoom = new LinkedHashMap<>();
  private long bytes;
  // the last piece taken, until the connection reports it took it: held all the same
  private long inFlightBytes;

  OutgoingQueue(int maxBytes, FrameCodec codec) {
    this.maxBytes = maxBytes;
    this.codec = codec;
  }

  void add(ByteString frame) {
    frames.addLast(frame);
    bytes += frame.length();
  }

  /** Adds a message of {@code room}, or drops it when it does not fit. */
  void addRoomMessage(String room, long seq, ByteString frame) {
    boolean fits = held() == 0 || held() + frame.length() <= maxBytes;
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

  /** The connection took the piece last taken. */
  void taken() {
    inFlightBytes = 0;
  }

  /** Takes everything waiting, as one piece to write; the gaps of dropped runs come next. */
  ByteString takeAll() {
    var batch = new ByteStringBuilder();
    frames.forEach(batch::append);
    frames.clear();
    inFlightBytes = bytes;
    bytes = 0;
    droppedByRoom.forEach(this::announce);
    droppedByRoom.clear();
    return batch.result();
  }

  private long held() {
    return bytes + inFlightBytes;
  }

  private void announce(String room, DroppedRun run) {
    add(
        ByteString.fromArrayUnsafe(
            codec.encode(new ServerFrame.Gap(room, run.fromSeq(), run.toSeq()))));
  }
}
