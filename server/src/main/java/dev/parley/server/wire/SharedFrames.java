package dev.parley.server.wire;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Frames told to many sessions, such as a room's messages and events: each format's bytes are made
 * by the first session of that format that writes them, and reused by all the others.
 */
public final class SharedFrames {

  private final List<ServerFrame> frames;
  // when these frames are those of several others joined: their encodings are reused, joined
  private final List<SharedFrames> parts;
  // a cache of a pure function of the frames: two sessions racing to fill it make the same bytes
  private final AtomicReferenceArray<ByteString> encodings =
      new AtomicReferenceArray<>(WireFormat.values().length);

  private SharedFrames(List<ServerFrame> frames, List<SharedFrames> parts) {
    this.frames = frames;
    this.parts = parts;
  }

  public static SharedFrames of(ServerFrame frame) {
    return new SharedFrames(List.of(frame), List.of());
  }

  public static SharedFrames of(List<? extends ServerFrame> frames) {
    return new SharedFrames(List.copyOf(frames), List.of());
  }

  /** The frames of all {@code parts} in order, each format's bytes those of the parts joined. */
  public static SharedFrames joined(List<SharedFrames> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    var frames = new ArrayList<ServerFrame>(parts.size());
    parts.forEach(part -> frames.addAll(part.frames()));
    return new SharedFrames(List.copyOf(frames), List.copyOf(parts));
  }

  public List<ServerFrame> frames() {
    return frames;
  }

  /** The frames in {@code format}, encoded by {@code encoder} unless a session already did. */
  public ByteString encodedAs(WireFormat format, Function<List<ServerFrame>, ByteString> encoder) {
    ByteString encoded = encodings.get(format.ordinal());
    if (encoded == null) {
      encoded = parts.isEmpty() ? encoder.apply(frames) : joinedEncodings(format, encoder);
      if (!encodings.compareAndSet(format.ordinal(), null, encoded)) {
        encoded = encodings.get(format.ordinal());
      }
    }
    return encoded;
  }

  private ByteString joinedEncodings(
      WireFormat format, Function<List<ServerFrame>, ByteString> encoder) {
    var all = new ByteStringBuilder();
    parts.forEach(part -> all.append(part.encodedAs(format, encoder)));
    return all.result().compact();
  }

  @Override
  public String toString() {
    return "SharedFrames" + frames;
  }
}
