package dev.parley.server.directory;

import dev.parley.server.persistence.Stored;
import java.time.Instant;
import java.util.Set;

/** What the directory stores: accounts, their blocks, and the mail kept for those offline. */
public sealed interface DirectoryEvent extends Stored {

  record AccountRegistered(String nick, String passwordHash, Instant ts) implements DirectoryEvent {
    // a hash must not reach a log through an event printed whole
    @Override
    public String toString() {
      return "AccountRegistered[nick=" + nick + ", ts=" + ts + "]";
    }
  }

  /** The nicks (canonical) that the account {@code nick} blocks now. */
  record BlocksSet(String nick, Set<String> blocked) implements DirectoryEvent {
    public BlocksSet {
      blocked = Set.copyOf(blocked);
    }
  }

  /** A direct message kept for the account {@code to}, offline when it was sent. */
  record MailKept(String from, String to, String text, Instant ts) implements DirectoryEvent {}

  /**
   * The account {@code nick} logged in and was given every message kept for it: what versions
   * before {@link MailHandedOver} stored, still read.
   */
  record MailDelivered(String nick) implements DirectoryEvent {}

  /** The account {@code nick} logged in and took the oldest {@code count} messages kept for it. */
  record MailHandedOver(String nick, int count) implements DirectoryEvent {}
}
