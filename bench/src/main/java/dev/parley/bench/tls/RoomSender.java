package dev.parley.bench.tls;

import dev.parley.bench.load.SayWriter;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * The thread that has one member say: at a fixed interval, each say written at once, or at full
 * speed, as many says in one write as its window lets it have in flight.
 */
final class RoomSender {

  private static final int BUFFER_BYTES = 64 * 1024;
  // how long it waits for an echo before it looks whether it is to stop
  private static final Duration ECHO_WAIT = Duration.ofMillis(10);

  private final Member member;
  private final SayWriter say;
  private final RoomTally tally;
  private final long intervalNanos;
  private final long offsetNanos;
  private final ByteBuffer buffer = ByteBuffer.allocate(BUFFER_BYTES);
  private final Thread thread;
  private volatile boolean sending = true;
  private long firstDueAt;
  // written by the sender's thread; read once it ended
  private long sent;

  /**
   * @param intervalNanos between two says; 0 for full speed
   * @param offsetNanos how long after the start the first say is due, so that senders at a fixed
   *     rate spread over the interval
   */
  RoomSender(Member member, SayWriter say, RoomTally tally, long intervalNanos, long offsetNanos) {
    this.member = member;
    this.say = say;
    this.tally = tally;
    this.intervalNanos = intervalNanos;
    this.offsetNanos = offsetNanos;
    this.thread = new Thread(this::sendUntilStopped, "sender-" + member.nick);
    thread.setDaemon(true);
  }

  void start() {
    firstDueAt = System.nanoTime() + offsetNanos;
    thread.start();
  }

  /** Stops sending and returns the says sent. */
  long stop() throws InterruptedException {
    sending = false;
    thread.join();
    return sent;
  }

  private void sendUntilStopped() {
    long dueAt = firstDueAt;
    try {
      while (sending) {
        if (intervalNanos > 0) {
          waitUntil(dueAt);
          dueAt += intervalNanos;
        }
        if (!sending || !member.awaitTurnToSay(ECHO_WAIT)) {
          continue;
        }
        buffer.clear();
        addSay();
        while (intervalNanos == 0
            && buffer.remaining() >= say.maxFrameBytes()
            && member.takeTurnToSay()) {
          addSay();
        }
        member.write(buffer.array(), buffer.position());
      }
    } catch (IOException e) {
      if (sending) {
        tally.fail(member.nick + ": cannot send: " + e);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void addSay() {
    sent++;
    say.write(buffer, sent, tally.stamp());
  }

  private void waitUntil(long dueAt) {
    for (long left = dueAt - System.nanoTime();
        sending && left > 0;
        left = dueAt - System.nanoTime()) {
      LockSupport.parkNanos(left);
    }
  }
}
