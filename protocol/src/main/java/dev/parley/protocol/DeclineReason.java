package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonEnumDefaultValue;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Why an offer to talk privately ended unanswered (the {@code reason} of private_declined). */
public enum DeclineReason {
  /** The one asked said no. */
  DECLINED,
  /** The other side went offline before an answer. */
  OFFLINE,
  /** No answer within parley.private.offer-timeout. */
  TIMED_OUT,
  /** A reason this version of the protocol module does not know yet. */
  @JsonEnumDefaultValue
  UNKNOWN;

  @JsonValue
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
