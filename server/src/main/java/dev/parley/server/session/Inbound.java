package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;

/** What a front door hands a session for each frame that arrives: decoded, or refused. */
public sealed interface Inbound {

  record Frame(ClientFrame frame) implements Inbound {}

  /** A frame the front door could not decode, answered with {@code code}. */
  record Undecodable(ErrorCode code, String message, FrameId re) implements Inbound {}

  /** What a front door of another protocol read, for its session's dialect to make frames of. */
  non-sealed interface Native extends Inbound {}
}
