package dev.parley.bench.load;

import java.nio.ByteBuffer;

/** The sending side of a client that sends: what it sent, what came back, when the next is due. */
final class Sender {

  private static final int BUFFER_BYTES = 64 * 1024;

  final MessageWriter writer;
  final long limit;
  final long intervalNanos;
  final ByteBuffer out = ByteBuffer.allocate(BUFFER_BYTES).flip();

  /** Messages sent, the warm-up's included: the id of the last one. */
  long sent;

  /** Messages sent since the measurement began; at most {@link #limit}. */
  long measuredSent;

  /** Messages seen back: its echoes, or where the server echoes nothing, its witness's receipts. */
  long echoed;

  /**
   * The member of its room, in the same client loop, whose receipts of this sender's messages stand
   * in for echoes when the server sends none; null when it does, or when no member was found.
   */
  Client witness;

  long nextDueAt;
  boolean done;

  Sender(MessageWriter writer, long limit, long intervalNanos) {
    this.writer = writer;
    this.limit = limit;
    this.intervalNanos = intervalNanos;
  }

  /** Whether more messages would fit now: the buffer is written out, and the window has room. */
  boolean mayAdd(int window, boolean measuring) {
    return !done
        && (!measuring || measuredSent < limit)
        && !out.hasRemaining()
        && (window == 0 || sent - echoed < window);
  }
}
