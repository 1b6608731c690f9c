package dev.parley.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Function;
import org.apache.pekko.util.ByteString;
import org.apache.pekko.util.ByteStringBuilder;

/**
 * Frames told to many sessions, such as a room's messages and events: each format's bytes are made
 * by the first session of that format that writes them, and reused by all the others. A {@link
 * #tail} shares the bytes of the frames it is the end of, so a thousand members each told a
 * different end of one burst hold one copy of it.
 *
 * <p>Sent to another node, it is its list of frames: the receiving node encodes them again.
 */
@JsonSerialize(using = SharedFrames.AsFrameList.class)
@JsonDeserialize(using = SharedFrames.FromFrameList.class)
public final class SharedFrames {

  private final List<ServerFrame> frames;
  // when these frames are those of several others joined: their encodings are reused, joined
  private final List<SharedFrames> parts;
  // the frames this is the end of, from the frame at index start; null when this is not a tail
  private final SharedFrames whole;
  private final int start;
  // a cache of a pure function of the frames: two sessions racing to fill it make the same bytes
  private final AtomicReferenceArray<Encoding> encodings =
      new AtomicReferenceArray<>(WireFormat.values().length);

  /** The bytes of all the frames, and where each frame's start in them. */
  private record Encoding(ByteString bytes, int[] starts) {}

  private SharedFrames(
      List<ServerFrame> frames, List<SharedFrames> parts, SharedFrames whole, int start) {
    this.frames = frames;
    this.parts = parts;
    this.whole = whole;
    this.start = start;
  }

  public static SharedFrames of(ServerFrame frame) {
    return new SharedFrames(List.of(frame), List.of(), null, 0);
  }

  public static SharedFrames of(List<? extends ServerFrame> frames) {
    return new SharedFrames(List.copyOf(frames), List.of(), null, 0);
  }

  /** The frames of all {@code parts} in order, each format's bytes those of the parts joined. */
  public static SharedFrames joined(List<SharedFrames> parts) {
    if (parts.size() == 1) {
      return parts.get(0);
    }
    var frames = new ArrayList<ServerFrame>(parts.size());
    parts.forEach(part -> frames.addAll(part.frames()));
    return new SharedFrames(List.copyOf(frames), List.copyOf(parts), null, 0);
  }

  /**
   * These frames from the one at {@code from} on, in each format a slice of these frames' bytes.
   */
  public SharedFrames tail(int from) {
    if (from == 0) {
      return this;
    }
    if (whole != null) {
      return whole.tail(start + from);
    }
    return new SharedFrames(frames.subList(from, frames.size()), List.of(), this, from);
  }

  public List<ServerFrame> frames() {
    return frames;
  }

  /**
   * The frames in {@code format}, each encoded by {@code encoder} unless a session of that format
   * already did.
   */
  public ByteString encodedAs(WireFormat format, Function<ServerFrame, ByteString> encoder) {
    if (whole != null) {
      var wholeEncoding = whole.encoding(format, encoder);
      return wholeEncoding.bytes().drop(wholeEncoding.starts()[start]);
    }
    return encoding(format, encoder).bytes();
  }

  private Encoding encoding(WireFormat format, Function<ServerFrame, ByteString> encoder) {
    if (whole != null) {
      var wholeEncoding = whole.encoding(format, encoder);
      int[] starts = wholeEncoding.starts();
      int from = starts[start];
      var ownStarts = new int[starts.length - start];
      for (int frame = 0; frame < ownStarts.length; frame++) {
        ownStarts[frame] = starts[start + frame] - from;
      }
      return new Encoding(wholeEncoding.bytes().drop(from), ownStarts);
    }
    Encoding encoded = encodings.get(format.ordinal());
    if (encoded == null) {
      encoded = encode(format, encoder);
      if (!encodings.compareAndSet(format.ordinal(), null, encoded)) {
        encoded = encodings.get(format.ordinal());
      }
    }
    return encoded;
  }

  private Encoding encode(WireFormat format, Function<ServerFrame, ByteString> encoder) {
    if (parts.isEmpty() && frames.size() == 1) {
      return new Encoding(encoder.apply(frames.get(0)), new int[] {0});
    }
    var all = new ByteStringBuilder();
    var starts = new int[frames.size()];
    int frame = 0;
    if (parts.isEmpty()) {
      for (ServerFrame each : frames) {
        starts[frame++] = all.length();
        all.append(encoder.apply(each));
      }
    } else {
      for (SharedFrames part : parts) {
        var partEncoding = part.encoding(format, encoder);
        for (int partStart : partEncoding.starts()) {
          starts[frame++] = all.length() + partStart;
        }
        all.append(partEncoding.bytes());
      }
    }
    return new Encoding(all.result().compact(), starts);
  }

  @Override
  public String toString() {
    return "SharedFrames" + frames;
  }

  /** Writes the frames alone, each with its {@code type}: the encodings are this node's. */
  static final class AsFrameList extends StdSerializer<SharedFrames> {

    AsFrameList() {
      super(SharedFrames.class);
    }

    @Override
    public void serialize(SharedFrames value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      JavaType frameList =
          provider.getTypeFactory().constructCollectionType(List.class, ServerFrame.class);
      provider
          .findTypedValueSerializer(frameList, true, null)
          .serialize(value.frames, generator, provider);
    }
  }

  /** Reads what {@link AsFrameList} wrote as frames with no encoding yet. */
  static final class FromFrameList extends StdDeserializer<SharedFrames> {

    FromFrameList() {
      super(SharedFrames.class);
    }

    @Override
    public SharedFrames deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      JavaType frameList =
          context.getTypeFactory().constructCollectionType(List.class, ServerFrame.class);
      List<ServerFrame> frames = context.readValue(parser, frameList);
      return of(frames);
    }
  }
}
