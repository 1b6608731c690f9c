package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * The optional {@code id} of a client frame: a string of at most 64 chars or an integer. The
 * server's answer carries it back unchanged as {@code re}.
 */
public record FrameId(@JsonValue Object value) {

  public static final int MAX_TEXT_LENGTH = 64;

  public FrameId {
    if (value instanceof Integer number) {
      value = number.longValue();
    }
    if (!(value instanceof Long) && !(value instanceof String)) {
      throw new IllegalArgumentException("a frame id is a string or an integer");
    }
    if (value instanceof String text && !fitsLength(text)) {
      throw new IllegalArgumentException("a frame id has at most 64 chars");
    }
  }

  /** Whether a string id is short enough: at most 64 chars, counted as code points. */
  public static boolean fitsLength(String text) {
    return text.codePointCount(0, text.length()) <= MAX_TEXT_LENGTH;
  }

  public static FrameId of(String text) {
    return new FrameId(text);
  }

  public static FrameId of(long number) {
    return new FrameId(number);
  }

  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  static FrameId fromJson(Object value) {
    return new FrameId(value);
  }

  @Override
  public String toString() {
    return String.valueOf(value);
  }
}
