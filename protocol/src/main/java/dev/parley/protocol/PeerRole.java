package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Which side of a private conversation opens the direct connection ({@code private_ready}). */
public enum PeerRole {
  /** Connect to the other's host and port. */
  CONNECT,
  /** Expect the other on the port you gave. */
  LISTEN,
  /** A role this version of the protocol module does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
