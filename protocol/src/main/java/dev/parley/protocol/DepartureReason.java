package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * Why a connection ended (the {@code reason} of {@code bye}) or why a member left a room (the
 * {@code reason} of {@code member_left}, which is also any {@code bye} reason).
 */
public enum DepartureReason {
  LEFT,
  QUIT,
  DISCONNECTED,
  SERVER_FULL,
  SHUTDOWN,
  HELLO_TIMEOUT,
  IDLE_TIMEOUT,
  SLOW_CONSUMER,
  FLOOD,
  PROTOCOL_ERRORS,
  KICKED,
  /** The account logged in again elsewhere and took the nick over. */
  REPLACED,
  /** A reason this version of the protocol module does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
