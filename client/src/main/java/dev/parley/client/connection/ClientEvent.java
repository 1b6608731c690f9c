package dev.parley.client.connection;

import dev.parley.client.files.FileEvent;
import dev.parley.client.peer.PeerEvent;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;

/** What happened to the connection itself, beside the frames the server sent. */
public sealed interface ClientEvent {

  record Connecting(String host, int port, boolean tls) implements ClientEvent {}

  /** The server could not be reached; {@code everConnected}: this client had a session before. */
  record ConnectFailed(
      String host, int port, String reason, Duration retryIn, boolean everConnected)
      implements ClientEvent {}

  /**
   * The server's TLS certificate is not one this client trusts, for the {@code reason} given; the
   * session ends, as another try would meet the same certificate.
   */
  record CertificateRefused(String host, int port, String reason) implements ClientEvent {}

  /** {@code retryIn} null: the client connects again once the user answered a login question. */
  record ConnectionLost(String reason, Duration retryIn) implements ClientEvent {}

  /**
   * A reconnect's nick is taken, most likely by this client's own lost session, which the server
   * has not seen end yet: the client says hello with it again in {@code retryIn}.
   */
  record NickHeld(String nick, Duration retryIn) implements ClientEvent {}

  /** The server refused the nick of the hello; the session waits for another one. */
  record NickRefused(ServerFrame.Error error) implements ClientEvent {}

  /**
   * The nick is an account and the hello needs its password: none was given ({@code passwordTried}
   * false), the one given was refused, or the account is locked out for a while ({@code
   * locked_out}). The session waits for a password or another nick.
   */
  record PasswordWanted(String nick, ServerFrame.Error error, boolean passwordTried)
      implements ClientEvent {}

  /** The server made the nick an account; the client logs in with its password from now on. */
  record Registered(String nick) implements ClientEvent {}

  /** The server hides {@code nick}'s messages from the user now, and refuses their DMs. */
  record Blocked(String nick) implements ClientEvent {}

  record Unblocked(String nick) implements ClientEvent {}

  /** The server marked the user away with {@code message}; null, back. */
  record AwayChanged(String message) implements ClientEvent {}

  /**
   * {@code room}, the current room, is null when the user is in no room; {@code online} false while
   * reconnecting; {@code rooms}: every room the user is in.
   */
  record PromptChanged(String nick, String room, boolean online, List<String> rooms)
      implements ClientEvent {
    public PromptChanged {
      rooms = List.copyOf(rooms);
    }
  }

  /** A command the user typed was not sent, and why. */
  record NotSent(String reason) implements ClientEvent {}

  /** Messages of a gap that the server no longer keeps, so they cannot be shown. */
  record GapLost(String room, long fromSeq, long toSeq) implements ClientEvent {}

  /** The session is over; the client exits with {@code exitStatus}. */
  record Closed(String reason, int exitStatus) implements ClientEvent {}

  /** Something of a private conversation, over a direct link or about one. */
  record Private(PeerEvent event) implements ClientEvent {}

  /** What the file sharing has to tell: a transfer's start, progress and end, the files seen. */
  record Files(FileEvent event) implements ClientEvent {}
}
