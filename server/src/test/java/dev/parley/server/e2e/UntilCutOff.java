package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.util.function.Predicate;

/** Sends one frame over and over, as a flood does, until a reader sharing a room is cut off. */
final class UntilCutOff {

  private static final int WINDOW = 25;

  private UntilCutOff() {}

  /**
   * Sends {@code frame} up to {@code most} times, {@link #WINDOW} at a time, each window once the
   * last is answered as {@code answered} says; the {@code member_left} that ends it, or null.
   */
  static ServerFrame.MemberLeft send(
      RawClient sender, String frame, Predicate<ServerFrame> answered, int most) {
    String window = (frame + "\n").repeat(WINDOW);
    for (long sent = 0; sent < most; sent += WINDOW) {
      sender.sendLine(window.stripTrailing());
      for (int taken = 0; taken < WINDOW; taken++) {
        var next = sender.next();
        if (next instanceof ServerFrame.MemberLeft left) {
          return left;
        }
        assertTrue(answered.test(next), sender.lastLine());
      }
    }
    return null;
  }
}
