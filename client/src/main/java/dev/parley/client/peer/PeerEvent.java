package dev.parley.client.peer;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/** What happened in a private conversation with {@code nick}, for the console to show. */
public sealed interface PeerEvent {

  /** The other side of the conversation. */
  String nick();

  /** The user asked {@code nick} to talk privately; the server passed the offer on. */
  record Asked(String nick) implements PeerEvent {}

  /** {@code nick} asks to talk privately: {@code /accept} or {@code /decline}. */
  record Offered(String nick) implements PeerEvent {}

  /** The offer with {@code nick} ended unanswered: declined, offline, or timed out. */
  record Declined(String nick, String why) implements PeerEvent {}

  /** The server gave both addresses: the direct connection is being made. */
  record Connecting(String nick, String address, boolean connecting) implements PeerEvent {}

  /** The direct link with {@code nick} is up, both tokens proven. */
  record Opened(String nick, String address) implements PeerEvent {}

  /**
   * No direct link with {@code nick} came about within {@code waited}, for {@code reason}: direct
   * messages through the server ({@code /msg}) still reach them.
   */
  record Unreachable(String nick, String reason, Duration waited) implements PeerEvent {}

  /** A line of text on the direct link, from {@code from} ({@code nick} or the user). */
  record Said(String nick, String from, String text, Instant at) implements PeerEvent {}

  /** The direct link with {@code nick} ended, for {@code reason}. */
  record Closed(String nick, String reason) implements PeerEvent {}

  /**
   * How far a file is: {@code done} of {@code size} bytes, at {@code bytesPerSecond}, {@code left}
   * to go; {@code sending} false when it comes from {@code nick}.
   */
  record Progress(
      String nick,
      String name,
      boolean sending,
      long done,
      long size,
      long bytesPerSecond,
      Duration left)
      implements PeerEvent {}

  /** A transfer goes on from {@code offset}, where a cut link left it. */
  record Resumed(String nick, String name, boolean sending, long offset) implements PeerEvent {}

  /**
   * A file arrived whole, its SHA-256 checked ({@code savedAs} where it is), or was sent and
   * checked by the other ({@code savedAs} the file sent).
   */
  record FileDone(String nick, String name, boolean sending, long size, String sha256, Path savedAs)
      implements PeerEvent {}

  /** A transfer ended without the file, for {@code reason}; what arrived is kept to resume. */
  record FileFailed(String nick, String name, boolean sending, String reason)
      implements PeerEvent {}

  /** What the user asked of the conversation with {@code nick} cannot be done, and why. */
  record Refused(String nick, String reason) implements PeerEvent {}

  /** Someone reached the private port without the right token: the connection was closed. */
  record StrangerTurnedAway(String nick, String address) implements PeerEvent {}
}
