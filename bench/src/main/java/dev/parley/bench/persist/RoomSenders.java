package dev.parley.bench.persist;

import dev.parley.bench.load.ClientFrames;
import dev.parley.bench.load.LatencySummary;
import dev.parley.bench.load.SayWriter;
import dev.parley.bench.load.ServerLineScanner;
import dev.parley.bench.wire.LineReader;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * Clients in one room that say at full speed, each with at most {@code window} says not yet
 * acknowledged. A say is acknowledged when the sender's own message comes back (with {@code re}):
 * the room has stored it. One selector, driven by the caller's thread: each call runs the loop
 * until its phase is over, and the senders keep sending from one phase into the next.
 */
final class RoomSenders implements AutoCloseable {

  private static final int READ_BUFFER_BYTES = 256 * 1024;
  private static final long MAX_SELECT_MILLIS = 10;
  private static final long NO_LIMIT = Long.MAX_VALUE;

  private final String room;
  private final int window;
  private final Selector selector;
  private final List<SayingConnection> senders = new ArrayList<>();
  private final LineReader reader = new LineReader(READ_BUFFER_BYTES);
  private final ServerLineScanner scanner = new ServerLineScanner();
  // the send times in the texts count from here, so they are positive and fit 19 digits
  private final long origin = System.nanoTime() - 1;

  private boolean sending;
  private long sayLimit = NO_LIMIT;
  private long saysSent;
  private long acknowledged;
  private long gaps;
  private String failure;
  private AcknowledgementTally tally;

  /** What a measured phase counted: acknowledgements that arrived in it, and how long they took. */
  record Measurement(
      Duration length, long acknowledged, long slowestSecond, LatencySummary latency, long gaps) {

    double perSecond() {
      return acknowledged / (length.toNanos() / 1e9);
    }
  }

  private RoomSenders(String room, int window) throws IOException {
    this.room = room;
    this.window = window;
    this.selector = Selector.open();
  }

  /**
   * Connects {@code count} clients, says hello for each, has the first create the room and the
   * others join it.
   *
   * @throws TimeoutException when the server does not welcome or join them all in time
   */
  static RoomSenders open(
      InetSocketAddress server, String room, int count, int window, int textChars, Duration timeout)
      throws IOException, TimeoutException {
    var senders = new RoomSenders(room, window);
    try {
      senders.connect(server, count, textChars, timeout);
    } catch (IOException | TimeoutException | RuntimeException e) {
      senders.close();
      throw e;
    }
    return senders;
  }

  /** Sends for this long without counting anything. */
  void sendFor(Duration length) throws IOException {
    sending = true;
    runFor(length);
  }

  /** Sends for this long and counts the acknowledgements that arrive meanwhile. */
  Measurement measure(Duration length) throws IOException {
    sending = true;
    long gapsBefore = gaps;
    tally = new AcknowledgementTally(System.nanoTime(), length);
    runFor(length);
    var measurement =
        new Measurement(
            length, tally.counted(), tally.slowestSecond(), tally.latency(), gaps - gapsBefore);
    tally = null;
    return measurement;
  }

  /**
   * Sends until these senders have sent {@code says} in all, then waits for every acknowledgement.
   */
  void sendInAll(long says, Duration timeout) throws IOException, TimeoutException {
    sayLimit = says;
    sending = true;
    pumpAll();
    runUntil(() -> acknowledged >= says, timeout, "acknowledgements of " + says + " says");
    sending = false;
  }

  /** Stops sending and waits for the acknowledgement of every say in flight. */
  void drain(Duration timeout) throws IOException, TimeoutException {
    sending = false;
    runUntil(() -> acknowledged >= saysSent, timeout, "the says in flight");
  }

  /** Says sent and acknowledged in all. */
  long acknowledged() {
    return acknowledged;
  }

  @Override
  public void close() {
    for (SayingConnection sender : senders) {
      try {
        sender.channel.close();
      } catch (IOException ignored) {
        // closing was all that was left to do with it
      }
    }
    try {
      selector.close();
    } catch (IOException ignored) {
      // nothing is left to release
    }
  }

  private void connect(InetSocketAddress server, int count, int textChars, Duration timeout)
      throws IOException, TimeoutException {
    for (int index = 0; index < count; index++) {
      SocketChannel channel = SocketChannel.open(server);
      channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
      channel.configureBlocking(false);
      SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
      var sender =
          new SayingConnection(room + "x" + index, channel, key, new SayWriter(room, textChars));
      key.attach(sender);
      senders.add(sender);
      sendFrame(sender, ClientFrames.hello(sender.nick));
    }
    runUntil(() -> senders.stream().allMatch(s -> s.welcomed), timeout, "welcomes");
    SayingConnection creator = senders.get(0);
    sendFrame(creator, ClientFrames.create(room));
    runUntil(() -> creator.joined, timeout, "the room's creation");
    senders.stream().skip(1).forEach(sender -> sendFrame(sender, ClientFrames.join(room)));
    runUntil(() -> senders.stream().allMatch(s -> s.joined), timeout, "joins");
  }

  private void runFor(Duration length) throws IOException {
    long end = System.nanoTime() + length.toNanos();
    pumpAll();
    for (long now = System.nanoTime(); now < end; now = System.nanoTime()) {
      select(Math.min(MAX_SELECT_MILLIS, TimeUnit.NANOSECONDS.toMillis(end - now) + 1));
    }
  }

  private void runUntil(BooleanSupplier done, Duration timeout, String what)
      throws IOException, TimeoutException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new TimeoutException(
            String.format(
                "%s did not come within %d s (%,d of %,d says acknowledged)",
                what, timeout.toSeconds(), acknowledged, saysSent));
      }
      select(MAX_SELECT_MILLIS);
    }
  }

  private void select(long timeoutMillis) throws IOException {
    selector.select(this::onReady, timeoutMillis);
    if (failure != null) {
      throw new IllegalStateException(failure);
    }
  }

  private void onReady(SelectionKey key) {
    var sender = (SayingConnection) key.attachment();
    try {
      if (key.isReadable()) {
        read(sender);
      }
      if (key.isValid() && (key.isWritable() || key.isReadable())) {
        pump(sender);
      }
    } catch (IOException e) {
      fail(sender, "connection lost: " + e);
    }
  }

  private void read(SayingConnection sender) throws IOException {
    long now = System.nanoTime();
    int read =
        reader.read(
            sender.channel,
            sender.partialLine,
            (bytes, from, to) -> onLine(sender, now, bytes, from, to));
    if (read < 0) {
      fail(sender, "the server closed the connection");
    }
  }

  private void onLine(SayingConnection sender, long now, byte[] bytes, int from, int to) {
    switch (scanner.scan(bytes, from, to)) {
      case ECHO -> {
        sender.acknowledged++;
        acknowledged++;
        if (tally != null && scanner.sentAt() != ServerLineScanner.NO_SEND_TIME) {
          tally.count(now, now - origin - scanner.sentAt());
        }
      }
      case WELCOME -> sender.welcomed = true;
      case JOINED -> sender.joined = true;
      case GAP -> gaps++;
      case ERROR, BYE -> fail(sender, new String(bytes, from, to - from, StandardCharsets.UTF_8));
      case DELIVERY, REPLAYED, OTHER -> {}
    }
  }

  private void fail(SayingConnection sender, String what) {
    if (failure == null) {
      failure = sender.nick + ": " + what;
    }
  }

  /** Frames other than {@code say}: before the says of that sender begin. */
  private void sendFrame(SayingConnection sender, byte[] frame) {
    sender.out.compact().put(frame).flip();
    try {
      pump(sender);
    } catch (IOException e) {
      fail(sender, "connection lost: " + e);
    }
  }

  private void pumpAll() throws IOException {
    for (SayingConnection sender : senders) {
      pump(sender);
    }
  }

  /** Writes what the sender has and may send now, until the socket or the window is full. */
  private void pump(SayingConnection sender) throws IOException {
    while (true) {
      if (sender.out.hasRemaining()) {
        sender.channel.write(sender.out);
        if (sender.out.hasRemaining()) {
          break;
        }
      }
      sender.out.clear();
      addSays(sender);
      sender.out.flip();
      if (!sender.out.hasRemaining()) {
        break;
      }
    }
    int ops = SelectionKey.OP_READ | (sender.out.hasRemaining() ? SelectionKey.OP_WRITE : 0);
    if (ops != sender.interestOps) {
      sender.interestOps = ops;
      sender.key.interestOps(ops);
    }
  }

  private void addSays(SayingConnection sender) {
    int frameBytes = sender.say.maxFrameBytes();
    long stamp = System.nanoTime() - origin;
    while (sending
        && sender.joined
        && saysSent < sayLimit
        && sender.inFlight() < window
        && sender.out.remaining() >= frameBytes) {
      sender.sent++;
      saysSent++;
      sender.say.write(sender.out, sender.sent, stamp);
    }
  }
}
