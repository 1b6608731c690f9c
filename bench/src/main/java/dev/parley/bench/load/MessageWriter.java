package dev.parley.bench.load;

import java.nio.ByteBuffer;

/**
 * Writes the messages of one sender to its room. The text starts with the send time, 19 digits of
 * nanoseconds on the generator's clock, so that every receiver can tell how long the message took.
 */
public interface MessageWriter {

  int SEND_TIME_DIGITS = 19;

  /** The most bytes one message takes. */
  int maxFrameBytes();

  /** Writes message {@code id} (the sender's count, from 1), sent at {@code sentAtNanos}. */
  void write(ByteBuffer buffer, long id, long sentAtNanos);
}
