package dev.parley.bench.tls;

import dev.parley.bench.load.ServerLineScanner;
import dev.parley.bench.wire.StreamLineReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLSocket;

/**
 * One client in a room: its socket, and a thread of its own that reads everything the server sends
 * it and counts it in the room's tally. Writes come from one other thread at a time: the room's
 * set-up, then the member's sender.
 */
final class Member implements AutoCloseable {

  private static final int READ_BUFFER_BYTES = 64 * 1024;

  final String nick;
  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;
  private final RoomTally tally;
  private final Thread reader;
  private final CountDownLatch welcomed = new CountDownLatch(1);
  private final CountDownLatch joined = new CountDownLatch(1);
  // the says its sender may send before it waits for echoes: taken by each say, given back by
  // each echo
  private final Semaphore window = new Semaphore(0);
  private volatile boolean closing;

  private Member(String nick, Socket socket, RoomTally tally) throws IOException {
    this.nick = nick;
    this.socket = socket;
    this.in = socket.getInputStream();
    this.out = socket.getOutputStream();
    this.tally = tally;
    this.reader = new Thread(this::readUntilClosed, "member-" + nick);
    reader.setDaemon(true);
  }

  /** Connects through the door and starts reading. */
  static Member connect(Door door, String nick, RoomTally tally, int timeoutMillis)
      throws IOException {
    Socket socket = door.connect(timeoutMillis);
    var member = new Member(nick, socket, tally);
    member.reader.start();
    return member;
  }

  void write(byte[] bytes, int length) throws IOException {
    out.write(bytes, 0, length);
    out.flush();
  }

  void write(byte[] frame) throws IOException {
    write(frame, frame.length);
  }

  void awaitWelcome(long deadline) throws InterruptedException, TimeoutException {
    await(welcomed, deadline, "welcome");
  }

  void awaitJoined(long deadline) throws InterruptedException, TimeoutException {
    await(joined, deadline, "joined");
  }

  /** Lets this member's sender have up to {@code says} says in flight, not yet echoed. */
  void openWindow(int says) {
    window.release(says);
  }

  /** Takes a place in the window for one say, waiting up to {@code timeout} for an echo. */
  boolean awaitTurnToSay(Duration timeout) throws InterruptedException {
    return window.tryAcquire(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  /** Takes a place in the window for one say if one is free now. */
  boolean takeTurnToSay() {
    return window.tryAcquire();
  }

  /** What protects the connection: the TLS protocol and cipher suite, or cleartext. */
  String protection() {
    return socket instanceof SSLSocket tls
        ? tls.getSession().getProtocol() + ", " + tls.getSession().getCipherSuite()
        : "cleartext";
  }

  @Override
  public void close() {
    closing = true;
    try {
      socket.close();
      reader.join(TimeUnit.SECONDS.toMillis(10));
    } catch (IOException ignored) {
      // closing was all that was left to do with it
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void await(CountDownLatch latch, long deadline, String what)
      throws InterruptedException, TimeoutException {
    if (!latch.await(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
      throw new TimeoutException(nick + ": no " + what + " in time");
    }
    if (tally.failure() != null) {
      throw new IllegalStateException(tally.failure());
    }
  }

  private void readUntilClosed() {
    var lines = new StreamLineReader(in, READ_BUFFER_BYTES);
    var scanner = new ServerLineScanner();
    try {
      while (lines.read((bytes, from, to) -> onLine(scanner, bytes, from, to)) >= 0) {
        // every line is handled as it is read
      }
      if (!closing) {
        fail("the server closed the connection");
      }
    } catch (IOException e) {
      if (!closing) {
        fail("connection lost: " + e);
      }
    }
  }

  private void onLine(ServerLineScanner scanner, byte[] bytes, int from, int to) {
    switch (scanner.scan(bytes, from, to)) {
      case DELIVERY -> tally.delivered(System.nanoTime(), scanner.sentAt());
      case ECHO -> window.release();
      case WELCOME -> welcomed.countDown();
      case JOINED -> joined.countDown();
      case GAP -> tally.gap();
      case ERROR, BYE -> fail(new String(bytes, from, to - from, StandardCharsets.UTF_8));
      case REPLAYED, OTHER -> {}
    }
  }

  // wakes whoever waits for this member, so that the failure is seen at once
  private void fail(String what) {
    tally.fail(nick + ": " + what);
    welcomed.countDown();
    joined.countDown();
  }
}
