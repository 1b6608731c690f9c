package dev.parley.server.transport;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.session.Inbound;
import dev.parley.server.session.JsonDialect;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/** Reads a client's frames from its bytes: lines decoded, or why one could not be. */
final class FrameReader {

  private final LineSplitter lines;
  private final JsonDialect json;
  private final int maxFrameBytes;

  FrameReader(int maxFrameBytes, JsonDialect json) {
    this.lines = new LineSplitter(maxFrameBytes);
    this.json = json;
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
      return json.decode(frame.bytes().asByteBuffer());
    }
    return new Inbound.Undecodable(
        ErrorCode.FRAME_TOO_LARGE,
        "a frame has at most " + maxFrameBytes + " bytes, newline included; this line was skipped",
        null);
  }
}
