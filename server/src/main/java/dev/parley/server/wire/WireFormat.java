package dev.parley.server.wire;

/**
 * The ways a server frame can look on a client's connection. Clients of one format see the same
 * bytes for a frame told to many of them, so it is encoded once per format, never per reader.
 */
public enum WireFormat {
  /** JSON lines, through TCP, TLS and WebSocket. */
  JSON,
  /** IRC lines without tags. */
  IRC,
  /** IRC lines with the {@code time} tag ({@code server-time}). */
  IRC_SERVER_TIME,
  /** IRC lines with every tag Parley sends ({@code message-tags}). */
  IRC_MESSAGE_TAGS
}
