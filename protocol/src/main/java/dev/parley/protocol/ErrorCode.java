package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** The {@code code} of an {@code error} frame. */
public enum ErrorCode {
  FRAME_TOO_LARGE,
  BAD_FRAME,
  UNKNOWN_TYPE,
  BAD_REQUEST,
  NOT_LOGGED_IN,
  NICK_INVALID,
  NICK_TAKEN,
  NICK_RESERVED,
  AUTH_FAILED,
  LOCKED_OUT,
  ALREADY_LOGGED_IN,
  ALREADY_REGISTERED,
  REGISTRATION_CLOSED,
  ROOM_INVALID,
  ROOM_EXISTS,
  ROOM_LIMIT,
  NO_SUCH_ROOM,
  NOT_IN_ROOM,
  /** What only an operator (parley.accounts.operators, logged in with the password) may do. */
  NOT_OPERATOR,
  TEXT_INVALID,
  NO_SUCH_USER,
  BLOCKED,
  SELF,
  MAILBOX_FULL,
  NOT_BLOCKED,
  ALREADY_BLOCKED,
  /** A password on a cleartext connection from an address that does not count as local. */
  TLS_REQUIRED,
  /** The server has as much of that work under way as it takes; try again after retry_after_s. */
  SERVER_BUSY,
  /** A file larger than the server takes (parley.files.max-file-size). */
  FILE_TOO_LARGE,
  /** The files of the account or the address would pass their quota. */
  QUOTA_EXCEEDED,
  /** All files together would pass the server's disk budget for files. */
  STORAGE_FULL,
  /** What guests may not do on this server. */
  ACCOUNT_REQUIRED,
  /** The server shares no files: no HTTP door, or files switched off. */
  FILES_UNAVAILABLE,
  /** No offer of that id is open to you: unknown, answered, timed out, or not accepted yet. */
  NO_SUCH_OFFER,
  /**
   * In a cluster, the room did not answer a {@code say} in time (it is moving to another node): the
   * say may still be stored; sending it again with the same {@code id} stores it once.
   */
  ROOM_UNAVAILABLE,
  /** A code this version of the protocol module does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the frame that caused this error counts towards the bad-frame limit. */
  public boolean isProtocolViolation() {
    return this == FRAME_TOO_LARGE
        || this == BAD_FRAME
        || this == UNKNOWN_TYPE
        || this == BAD_REQUEST;
  }
}
