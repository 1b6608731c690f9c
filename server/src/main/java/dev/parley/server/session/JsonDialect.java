package dev.parley.server.session;

import dev.parley.protocol.BadFrameException;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.SharedFrames;
import dev.parley.server.wire.WireFormat;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Parley's own protocol, JSON lines, spoken through TCP, TLS and WebSocket. It keeps nothing of a
 * connection, so every JSON connection shares one.
 */
public final class JsonDialect implements Dialect {

  private final FrameCodec codec;

  public JsonDialect(FrameCodec codec) {
    this.codec = codec;
  }

  /** One line's frame, or why it is none. */
  public Inbound decode(ByteBuffer line) {
    try {
      return new Inbound.Frame(codec.decodeClientFrame(line));
    } catch (BadFrameException e) {
      return new Inbound.Undecodable(e.code(), e.getMessage(), e.re());
    }
  }

  @Override
  public List<Inbound> read(Inbound.Native arrival) {
    throw new IllegalArgumentException("a JSON door reads frames, not " + arrival);
  }

  @Override
  public ByteString encode(ServerFrame frame) {
    return ByteString.fromArrayUnsafe(codec.encode(frame));
  }

  @Override
  public ByteString encode(SharedFrames frames) {
    return frames.encodedAs(WireFormat.JSON, this::encode);
  }

  @Override
  public ByteString encodeOwn(SharedFrames message, FrameId re) {
    return ByteString.fromArrayUnsafe(codec.answering(encode(message).toArrayUnsafe(), re));
  }
}
