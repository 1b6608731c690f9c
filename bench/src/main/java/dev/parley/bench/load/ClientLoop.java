package dev.parley.bench.load;

import dev.parley.bench.wire.LineReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.HdrHistogram.Histogram;

/**
 * One thread with one selector that drives its share of the clients: connects them, answers what
 * the server says, sends for the senders, and counts and times what arrives. The generator steers
 * it with tasks and watches its published {@link LoopProgress}.
 */
final class ClientLoop implements Runnable, LineReader.LineHandler {

  static final long HIGHEST_RECORDED_NANOS = TimeUnit.MINUTES.toNanos(5);
  private static final int READ_BUFFER_BYTES = 256 * 1024;
  private static final long IDLE_SELECT_MILLIS = 100;
  private static final long PUBLISH_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final int PROBLEMS_SHOWN = 5;

  private final Workload workload;
  private final Dialect dialect;
  private final InetSocketAddress server;
  private final Clock clock;
  private final List<Client> clients;
  private final List<Client> senders;
  // by client index, for a receipt that names its sender
  private final Client[] sendersByIndex;
  private final PrintStream log;
  private final Selector selector;
  private final LineReader reader = new LineReader(READ_BUFFER_BYTES);
  private final LineScanner scanner;
  private final Queue<Runnable> tasks = new ConcurrentLinkedQueue<>();
  private final Histogram latency = new Histogram(HIGHEST_RECORDED_NANOS, 3);
  private final Histogram connectSetup = new Histogram(HIGHEST_RECORDED_NANOS, 3);
  private final ArrayDeque<Client> waitingToConnect = new ArrayDeque<>();
  private final int maxConnecting;
  private volatile boolean running = true;
  private volatile LoopProgress progress = LoopProgress.NONE;

  private int connecting;
  private boolean sending;
  private long sendDeadline;
  private long measureFrom = Long.MAX_VALUE;
  private boolean measuring;
  private int[] membersByRoom;
  private int problemsShown;
  private long publishedAt;
  // the client whose lines are being handled, and when they arrived
  private Client current;
  private long now;

  private long welcomed;
  private long connectionsFailed;
  private long connectionsLost;
  private long joined;
  private long bytesReceived;
  private long messagesSent;
  private long sendersDone;
  private long deliveries;
  private long deliveriesExpected;
  private long warmUpDeliveries;
  private long warmUpDeliveriesExpected;
  private long echoes;
  private long gaps;
  private long errors;
  private long firstSendAt;
  private long lastWelcomeAt;
  private long lastJoinAt;
  private long lastReceiveAt;
  private long lastDeliveryAt;

  ClientLoop(
      Workload workload,
      Dialect dialect,
      InetSocketAddress server,
      Clock clock,
      List<Client> clients,
      int maxConnecting,
      PrintStream log) {
    this.workload = workload;
    this.dialect = dialect;
    this.server = server;
    this.clock = clock;
    this.clients = List.copyOf(clients);
    this.senders = clients.stream().filter(client -> client.sender != null).toList();
    this.sendersByIndex = new Client[workload.senders()];
    senders.forEach(client -> sendersByIndex[client.index] = client);
    this.scanner = dialect.newScanner();
    this.maxConnecting = maxConnecting;
    this.log = log;
    try {
      this.selector = Selector.open();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  LoopProgress progress() {
    return progress;
  }

  /** Valid once the loop's thread has ended. */
  Histogram latency() {
    return latency;
  }

  /** Valid once the loop's thread has ended. */
  Histogram connectSetup() {
    return connectSetup;
  }

  void connectAll() {
    execute(
        () -> {
          waitingToConnect.addAll(clients);
          startConnects();
        });
  }

  /** The chosen clients that are welcomed create or join their room. */
  void join(Predicate<Client> which) {
    execute(
        () -> {
          for (Client client : clients) {
            if (which.test(client) && client.welcomed && !client.closed && client.room >= 0) {
              String room = dialect.roomName(client.room);
              send(client, client.creator ? dialect.create(room) : dialect.join(room));
            }
          }
        });
  }

  /** Members per room among this loop's clients. */
  CompletableFuture<int[]> countMembers(int rooms) {
    return call(
        () -> {
          int[] members = new int[rooms];
          clients.stream().filter(Client::isMember).forEach(client -> members[client.room]++);
          return members;
        });
  }

  /**
   * Senders send until the deadline. With {@code measureFrom} at {@link Long#MAX_VALUE} it is the
   * warm-up, whose messages are counted apart so that the generator can wait for them to be
   * delivered before it measures; then only messages sent from {@code measureFrom} on are counted
   * and timed.
   *
   * @return done once the loop has begun, and its progress shows it
   */
  CompletableFuture<Void> startSending(int[] membersByRoom, long measureFrom, long deadline) {
    return call(
        () -> {
          this.membersByRoom = membersByRoom.clone();
          this.measureFrom = measureFrom;
          measuring = measureFrom != Long.MAX_VALUE;
          sendDeadline = deadline;
          sending = true;
          sendersDone = 0;
          long start = clock.now();
          if (!dialect.echoes()) {
            chooseWitnesses();
          }
          for (Client client : senders) {
            client.sender.done = false;
            // staggered, so that senders at a fixed rate take turns rather than send at once
            client.sender.nextDueAt =
                start + client.sender.intervalNanos * client.index / workload.senders();
            if (!client.isMember()) {
              finishSending(client.sender);
            }
          }
          now = start;
          pumpDueSenders();
          publish();
          return null;
        });
  }

  void stop() {
    running = false;
    selector.wakeup();
  }

  @Override
  public void run() {
    try {
      while (running) {
        for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
          task.run();
        }
        long timeout = millisToNextDueSender();
        if (timeout == 0) {
          selector.selectNow(this::onReady);
        } else {
          selector.select(this::onReady, timeout);
        }
        now = clock.now();
        if (sending) {
          pumpDueSenders();
        }
        if (now - publishedAt >= PUBLISH_INTERVAL_NANOS) {
          publish();
        }
      }
    } catch (IOException e) {
      log.println("client loop failed: " + e);
    } finally {
      clients.forEach(this::close);
      try {
        selector.close();
      } catch (IOException ignored) {
        // nothing is left to release
      }
      publish();
    }
  }

  private void execute(Runnable task) {
    tasks.add(task);
    selector.wakeup();
  }

  private <T> CompletableFuture<T> call(Supplier<T> task) {
    var result = new CompletableFuture<T>();
    execute(() -> result.complete(task.get()));
    return result;
  }

  private void onReady(SelectionKey key) {
    Client client = (Client) key.attachment();
    now = clock.now();
    if (!key.isValid()) {
      return;
    }
    if (key.isConnectable()) {
      finishConnect(client);
      return;
    }
    if (key.isReadable()) {
      read(client);
    }
    if (key.isValid() && key.isWritable()) {
      writeUnsent(client);
      if (client.sender != null && sending) {
        pump(client);
      }
    }
  }

  private void startConnects() {
    while (connecting < maxConnecting && !waitingToConnect.isEmpty()) {
      Client client = waitingToConnect.poll();
      connecting++;
      try {
        SocketChannel channel = SocketChannel.open();
        client.channel = channel;
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        client.connectStartedAt = clock.now();
        if (channel.connect(server)) {
          client.key = channel.register(selector, SelectionKey.OP_READ, client);
          client.interestOps = SelectionKey.OP_READ;
          send(client, dialect.greeting(client.nick));
        } else {
          client.key = channel.register(selector, SelectionKey.OP_CONNECT, client);
          client.interestOps = SelectionKey.OP_CONNECT;
        }
      } catch (IOException e) {
        connectionFailed(client, e.toString());
      }
    }
  }

  private void finishConnect(Client client) {
    try {
      client.channel.finishConnect();
      client.interestOps = SelectionKey.OP_READ;
      client.key.interestOps(SelectionKey.OP_READ);
      send(client, dialect.greeting(client.nick));
    } catch (IOException e) {
      connectionFailed(client, e.toString());
    }
  }

  private void connectionFailed(Client client, String why) {
    connectionsFailed++;
    connecting--;
    problem(client, "could not connect: " + why);
    close(client);
    startConnects();
  }

  private void read(Client client) {
    current = client;
    try {
      int read = reader.read(client.channel, client.partialLine, this);
      if (read < 0) {
        lost(client, "the server closed the connection");
        return;
      }
      bytesReceived += read;
      lastReceiveAt = now;
    } catch (IOException e) {
      lost(client, e.toString());
      return;
    }
    if (client.sender != null && sending && !client.closed) {
      pump(client);
    }
  }

  @Override
  public void onLine(byte[] bytes, int from, int to) {
    switch (scanner.scan(bytes, from, to)) {
      case DELIVERY -> {
        long sentAt = scanner.sentAt();
        if (!dialect.echoes()) {
          countForWitnessedSender();
        }
        if (sentAt != LineScanner.NO_SEND_TIME && sentAt >= measureFrom) {
          deliveries++;
          lastDeliveryAt = now;
          latency.recordValue(Math.min(Math.max(now - sentAt, 0), HIGHEST_RECORDED_NANOS));
        } else {
          warmUpDeliveries++;
        }
      }
      case ECHO -> {
        echoes++;
        if (current.sender != null) {
          current.sender.echoed++;
        }
      }
      case WELCOME -> onWelcome(current);
      case JOINED -> {
        if (!current.joined) {
          current.joined = true;
          joined++;
          lastJoinAt = now;
        }
      }
      case GAP -> gaps++;
      case ERROR -> {
        errors++;
        problem(current, new String(bytes, from, to - from, StandardCharsets.UTF_8));
      }
      case BYE -> problem(current, new String(bytes, from, to - from, StandardCharsets.UTF_8));
      case PING -> send(current, scanner.answer());
      case REPLAYED, OTHER -> {}
    }
  }

  /** A receipt by the sender's witness stands for the sender's echo. */
  private void countForWitnessedSender() {
    int index = scanner.senderIndex();
    if (index >= 0 && index < sendersByIndex.length) {
      Client from = sendersByIndex[index];
      if (from != null && from.sender.witness == current) {
        from.sender.echoed++;
      }
    }
  }

  /** Each sender's witness: the first other member of its room among this loop's clients. */
  private void chooseWitnesses() {
    for (Client client : senders) {
      Sender sender = client.sender;
      sender.witness =
          clients.stream()
              .filter(other -> other != client && other.isMember() && other.room == client.room)
              .findFirst()
              .orElse(null);
      if (sender.witness == null && client.isMember()) {
        problem(client, "no other member of its room in its loop: it sends without a window");
      }
    }
  }

  /** Messages the sender may have sent ahead of what came back; 0 for no limit. */
  private int window(Sender sender) {
    boolean counted = dialect.echoes() || (sender.witness != null && !sender.witness.closed);
    return counted ? workload.window() : 0;
  }

  private void onWelcome(Client client) {
    if (client.welcomed) {
      return;
    }
    client.welcomed = true;
    welcomed++;
    lastWelcomeAt = now;
    connectSetup.recordValue(Math.min(now - client.connectStartedAt, HIGHEST_RECORDED_NANOS));
    connecting--;
    startConnects();
  }

  private void lost(Client client, String why) {
    if (!client.welcomed) {
      connectionFailed(client, why);
      return;
    }
    connectionsLost++;
    problem(client, "connection lost: " + why);
    close(client);
  }

  private void close(Client client) {
    if (client.closed) {
      return;
    }
    client.closed = true;
    if (client.sender != null && sending) {
      finishSending(client.sender);
    }
    if (client.channel != null) {
      try {
        client.channel.close();
      } catch (IOException ignored) {
        // closing is all that was left to do with it
      }
    }
  }

  /** Sends a frame other than a message, after whatever of them still waits. */
  private void send(Client client, byte[] frame) {
    if (client.closed) {
      return;
    }
    if (client.unsent == null) {
      ByteBuffer bytes = ByteBuffer.wrap(frame);
      try {
        client.channel.write(bytes);
      } catch (IOException e) {
        lost(client, e.toString());
        return;
      }
      if (bytes.hasRemaining()) {
        client.unsent = ByteBuffer.allocate(bytes.remaining()).put(bytes).flip();
      }
    } else {
      var more = ByteBuffer.allocate(client.unsent.remaining() + frame.length);
      client.unsent = more.put(client.unsent).put(frame).flip();
    }
    updateInterest(client);
  }

  private void writeUnsent(Client client) {
    if (client.unsent == null || client.closed) {
      return;
    }
    try {
      client.channel.write(client.unsent);
    } catch (IOException e) {
      lost(client, e.toString());
      return;
    }
    if (!client.unsent.hasRemaining()) {
      client.unsent = null;
    }
    updateInterest(client);
  }

  private void pumpDueSenders() {
    for (Client client : senders) {
      Sender sender = client.sender;
      if (!sender.done
          && !client.closed
          && (now >= sendDeadline
              || (sender.mayAdd(window(sender), measuring) && sender.nextDueAt <= now))) {
        pump(client);
      }
    }
  }

  /** Writes what the sender may send now until the socket or the window is full. */
  private void pump(Client client) {
    Sender sender = client.sender;
    if (sender.done || client.unsent != null) {
      return;
    }
    try {
      while (true) {
        if (sender.out.hasRemaining()) {
          client.channel.write(sender.out);
          if (sender.out.hasRemaining()) {
            break;
          }
        }
        sender.out.clear();
        addDueMessages(client, sender);
        sender.out.flip();
        if (!sender.out.hasRemaining()) {
          break;
        }
      }
    } catch (IOException e) {
      lost(client, e.toString());
      return;
    }
    if (!sender.out.hasRemaining()
        && ((measuring && sender.measuredSent >= sender.limit) || now >= sendDeadline)) {
      finishSending(sender);
    }
    updateInterest(client);
  }

  private void addDueMessages(Client client, Sender sender) {
    long stamp = clock.now();
    now = stamp;
    int frameBytes = sender.writer.maxFrameBytes();
    int window = window(sender);
    int othersInRoom = membersByRoom[client.room] - 1;
    while ((!measuring || sender.measuredSent < sender.limit)
        && stamp < sendDeadline
        && sender.nextDueAt <= stamp
        && sender.out.remaining() >= frameBytes
        && (window == 0 || sender.sent - sender.echoed < window)) {
      sender.sent++;
      sender.writer.write(sender.out, sender.sent, stamp);
      sender.nextDueAt += sender.intervalNanos;
      if (measuring) {
        sender.measuredSent++;
        messagesSent++;
        deliveriesExpected += othersInRoom;
        if (firstSendAt == 0) {
          firstSendAt = stamp;
        }
      } else {
        warmUpDeliveriesExpected += othersInRoom;
      }
    }
  }

  private void finishSending(Sender sender) {
    if (!sender.done) {
      sender.done = true;
      sendersDone++;
    }
  }

  private long millisToNextDueSender() {
    if (!sending) {
      return IDLE_SELECT_MILLIS;
    }
    long next = Long.MAX_VALUE;
    for (Client client : senders) {
      Sender sender = client.sender;
      if (sender.done || client.closed) {
        continue;
      }
      next = Math.min(next, sendDeadline);
      if (sender.mayAdd(window(sender), measuring)) {
        next = Math.min(next, sender.nextDueAt);
      }
    }
    if (next == Long.MAX_VALUE) {
      return IDLE_SELECT_MILLIS;
    }
    long wait = next - clock.now();
    return wait <= 0 ? 0 : Math.max(1, TimeUnit.NANOSECONDS.toMillis(wait));
  }

  private void updateInterest(Client client) {
    if (client.closed) {
      return;
    }
    boolean hasOutput =
        client.unsent != null || (client.sender != null && client.sender.out.hasRemaining());
    int ops = SelectionKey.OP_READ | (hasOutput ? SelectionKey.OP_WRITE : 0);
    if (ops != client.interestOps) {
      client.interestOps = ops;
      client.key.interestOps(ops);
    }
  }

  private void problem(Client client, String what) {
    if (problemsShown++ < PROBLEMS_SHOWN) {
      log.println(client.nick + ": " + what);
    }
  }

  private void publish() {
    publishedAt = now;
    progress =
        new LoopProgress(
            welcomed,
            connectionsFailed,
            connectionsLost,
            joined,
            bytesReceived,
            messagesSent,
            sendersDone,
            deliveries,
            deliveriesExpected,
            warmUpDeliveries,
            warmUpDeliveriesExpected,
            echoes,
            gaps,
            errors,
            firstSendAt,
            lastWelcomeAt,
            lastJoinAt,
            lastReceiveAt,
            lastDeliveryAt);
  }
}
