package dev.parley.server.session;

import org.apache.pekko.util.ByteString;

/** What a session hands its front door to send: encoded frames, then the end of them. */
public sealed interface Outbound {

  record Frames(ByteString bytes) implements Outbound {}

  /** Nothing more follows: the front door closes the connection once the frames are out. */
  enum End implements Outbound {
    INSTANCE
  }

  /** The connection is cut at once, whatever is still to be written. */
  record Abort(Throwable cause) implements Outbound {}
}
