package dev.parley.server.transport;

import dev.parley.protocol.BadFrameException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.session.Inbound;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/** Reads a client's frames from its bytes: lines decoded, or why one could not be. */
final class FrameReader {

  private final LineSplitter lines;
  private final FrameCodec codec;
  private final int maxFrameBytes;

  FrameReader(int maxFrameBytes, FrameCodec codec) {
    this.lines = new LineSplitter(maxFrameBytes);
    this.codec = codec;
    this.maxFrameBytes = maxFrameBytes;
  }

  List<Inbound> read(ByteString chunk) {
    List<LineSplitter.Line> complete = lines.split(chunk);
    var frames = new ArrayList<Inbound>(complete.size());
    for (LineSplitter.Line line : complete) {
      frames.add(decode(line));
    }
    return frames;
  }

  private Inbound decode(LineSplitter.Line line) {
    if (line instanceof LineSplitter.Complete frame) {
      try {
        return new Inbound.Frame(codec.decodeClientFrame(frame.bytes().asByteBuffer()));
      } catch (BadFrameException e) {
        return new Inbound.Undecodable(e.code(), e.getMessage(), e.re());
      }
    }
    return new Inbound.Undecodable(
        ErrorCode.FRAME_TOO_LARGE,
        "a frame has at most " + maxFrameBytes + " bytes, newline included; this line was skipped",
        null);
  }
}
