package dev.parley.client.connection;

import dev.parley.protocol.ServerFrame;
import java.time.Duration;

/** What happened to the connection itself, beside the frames the server sent. */
public sealed interface ClientEvent {

  record Connecting(String host, int port) implements ClientEvent {}

  /** The server could not be reached; {@code everConnected}: this client had a session before. */
  record ConnectFailed(
      String host, int port, String reason, Duration retryIn, boolean everConnected)
      implements ClientEvent {}

  record ConnectionLost(String reason, Duration retryIn) implements ClientEvent {}

  /** The server refused the nick of the hello; the session waits for another one. */
  record NickRefused(ServerFrame.Error error) implements ClientEvent {}

  /** {@code room} is null when the user is in no room; {@code online} false while reconnecting. */
  record PromptChanged(String nick, String room, boolean online) implements ClientEvent {}

  /** A command the user typed was not sent, and why. */
  record NotSent(String reason) implements ClientEvent {}

  /** Messages of a gap that the server no longer keeps, so they cannot be shown. */
  record GapLost(String room, long fromSeq, long toSeq) implements ClientEvent {}

  /** The session is over; the client exits with {@code exitStatus}. */
  record Closed(String reason, int exitStatus) implements ClientEvent {}
}
