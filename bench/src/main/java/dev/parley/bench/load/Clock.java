package dev.parley.bench.load;

/**
 * The generator's one clock, shared by senders and receivers: nanoseconds since it started, so
 * every time is positive and fits the 19 digits a message carries.
 */
record Clock(long origin) {

  static Clock start() {
    return new Clock(System.nanoTime() - 1);
  }

  long now() {
    return System.nanoTime() - origin;
  }
}
