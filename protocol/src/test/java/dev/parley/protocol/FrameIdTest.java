package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameIdTest {

  @Test
  void keepsAnIntegerApartFromAStringOfTheSameDigits() {
    assertNotEquals(FrameId.of(7), FrameId.of("7"));
  }

  @Test
  void treatsAnIntAndALongOfTheSameValueAsTheSameId() {
    assertEquals(FrameId.of(7L), new FrameId(Integer.valueOf(7)));
  }

  @Test
  void keepsAnIntegerIdAsALong() {
    assertEquals(7L, new FrameId(Integer.valueOf(7)).value());
  }

  @Test
  void acceptsAStringOfSixtyFourChars() {
    assertEquals("x".repeat(64), FrameId.of("x".repeat(64)).value());
  }

  @Test
  void refusesAStringOfSixtyFiveChars() {
    assertThrows(IllegalArgumentException.class, () -> FrameId.of("x".repeat(65)));
  }

  @Test
  void acceptsAnEmptyString() {
    assertEquals("", FrameId.of("").value());
  }

  @Test
  void acceptsTheExtremeLongs() {
    assertEquals(Long.MIN_VALUE, FrameId.of(Long.MIN_VALUE).value());
    assertEquals(Long.MAX_VALUE, FrameId.of(Long.MAX_VALUE).value());
  }

  @Test
  void refusesAFractionalNumber() {
    assertThrows(IllegalArgumentException.class, () -> new FrameId(1.5));
  }

  @Test
  void refusesABoolean() {
    assertThrows(IllegalArgumentException.class, () -> new FrameId(true));
  }

  @Test
  void refusesNull() {
    assertThrows(IllegalArgumentException.class, () -> new FrameId(null));
  }
}
