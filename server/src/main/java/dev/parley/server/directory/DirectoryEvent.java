package dev.parley.server.directory;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.parley.protocol.SharedFile;
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

  /**
   * A direct message kept for the account {@code to}, offline when it was sent; {@code file}: the
   * file it shares, absent (and not stored) on any other.
   */
  record MailKept(
      String from,
      String to,
      String text,
      Instant ts,
      @JsonInclude(JsonInclude.Include.NON_NULL) SharedFile file)
      implements DirectoryEvent {

    public MailKept(String from, String to, String text, Instant ts) {
      this(from, to, text, ts, null);
    }

    /** The file as the mail tells it at {@code now}: said to be gone once it expired. */
    SharedFile fileAsOf(Instant now) {
      return file == null || !file.hasExpired(now) ? file : file.asExpired();
    }
  }

  /**
   * The account {@code nick} logged in and was given every message kept for it: what versions
   * before {@link MailHandedOver} stored, still read.
   */
  record MailDelivered(String nick) implements DirectoryEvent {}

  /** The account {@code nick} logged in and took the oldest {@code count} messages kept for it. */
  record MailHandedOver(String nick, int count) implements DirectoryEvent {}
}
