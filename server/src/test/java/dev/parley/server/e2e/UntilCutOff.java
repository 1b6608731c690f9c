package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.function.Predicate;

/** Sends one frame over and over, as a flood does, until a reader sharing a room is cut off. */
final class UntilCutOff {

  /** A reader's receive buffer so small that the kernel holds little of what it does not read. */
  static final int SMALL_RECEIVE_BUFFER = 4096;

  /** The chars of each message of a flood, so that a few thousand fill any buffer between. */
  static final int TEXT_CHARS = 4000;

  private static final int WINDOW = 25;

  private UntilCutOff() {}

  /**
   * Sends {@code reader} direct messages of {@link #TEXT_CHARS} from {@code sender}, up to {@code
   * most}; the {@code member_left} that ends it, or null.
   */
  static ServerFrame.MemberLeft sendDirectMessages(RawClient sender, String reader, int most) {
    return send(
        sender,
        sender.frame("dm", "to", reader, "text", "x".repeat(TEXT_CHARS)),
        // an error once the reader is gone, before its rooms are told
        frame ->
            frame instanceof ServerFrame.Direct
                || (frame instanceof ServerFrame.Error error
                    && error.code() == ErrorCode.NO_SUCH_USER),
        most);
  }

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
