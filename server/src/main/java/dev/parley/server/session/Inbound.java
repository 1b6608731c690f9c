package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * What a front door hands a session for each frame that arrives: decoded, refused, or in the door's
 * own protocol for the session's {@link Dialect}.
 */
public sealed interface Inbound {

  record Frame(ClientFrame frame) implements Inbound {}

  /** A frame the front door could not decode, answered with {@code code}. */
  record Undecodable(ErrorCode code, String message, FrameId re) implements Inbound {}

  /** What a front door of another protocol read, for its session's dialect to make frames of. */
  non-sealed interface Native extends Inbound {}

  /** What a dialect answers itself, written in turn with the answers to the frames around it. */
  record Answered(ByteString reply) implements Inbound {}

  static boolean anyHello(List<Inbound> arrivals) {
    return arrivals.stream()
        .anyMatch(
            arrived ->
                arrived instanceof Frame decoded && decoded.frame() instanceof ClientFrame.Hello);
  }
}
