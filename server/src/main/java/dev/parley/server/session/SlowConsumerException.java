package dev.parley.server.session;

/** Ends a connection whose reader took none of its output for the stall timeout. */
final class SlowConsumerException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  SlowConsumerException() {
    super("the reader took nothing of its output for the stall timeout", null, false, false);
  }
}
