package dev.parley.bench.relay;

import dev.parley.bench.wire.LineReader;
import dev.parley.protocol.BadFrameException;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The least a chat server must do, on one thread with one selector: {@code hello} gets {@code
 * welcome}, {@code create} and {@code join} get {@code joined} (and tell the room {@code
 * member_joined}), {@code say} goes to every other member as {@code message} and back to the sender
 * as its echo. Each message is encoded once; each connection's output of one select round goes out
 * in one write. It is what this machine can do with the same bytes, the yardstick for Parley.
 *
 * <p>No limits, no history, no checks. When some reader falls behind by {@code maxPendingOutput},
 * it stops reading every connection until the readers catch up, so nothing is dropped.
 */
public final class RawRelay implements Runnable, LineReader.LineHandler {

  private static final int READ_BUFFER_BYTES = 64 * 1024;
  private static final int FIRST_OUTPUT_BYTES = 4 * 1024;
  private static final long SELECT_MILLIS = 100;
  // output buffers of connections that got nothing for this long are given back
  private static final long IDLE_OUTPUT_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final String SERVER_NAME = "raw-relay";

  private final ServerSocketChannel listener;
  private final Selector selector;
  private final int maxPendingOutput;
  private final FrameCodec codec = new FrameCodec();
  private final LineReader reader = new LineReader(READ_BUFFER_BYTES);
  private final Map<String, RelayRoom> rooms = new HashMap<>();
  private final List<RelayConnection> waitingForFlush = new ArrayList<>();
  private int overfullConnections;
  private boolean readingPaused;
  private long guests;
  private long sweptAt;
  // one clock reading per select round: reading it per frame would cost more than the copying
  private long roundStartedAt;
  private RelayConnection current;

  private RawRelay(ServerSocketChannel listener, Selector selector, int maxPendingOutput) {
    this.listener = listener;
    this.selector = selector;
    this.maxPendingOutput = maxPendingOutput;
  }

  public static RawRelay bind(InetSocketAddress address, int maxPendingOutput) throws IOException {
    var selector = Selector.open();
    var listener = ServerSocketChannel.open();
    listener.bind(address, 4096);
    listener.configureBlocking(false);
    listener.register(selector, SelectionKey.OP_ACCEPT);
    return new RawRelay(listener, selector, maxPendingOutput);
  }

  public InetSocketAddress address() throws IOException {
    return (InetSocketAddress) listener.getLocalAddress();
  }

  /** Relays until the thread is interrupted. */
  @Override
  public void run() {
    try {
      while (!Thread.currentThread().isInterrupted()) {
        selector.select(this::onReady, SELECT_MILLIS);
        flushWaiting();
        pauseOrResumeReading();
        roundStartedAt = System.nanoTime();
        releaseIdleOutput();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void onReady(SelectionKey key) {
    if (!key.isValid()) {
      return;
    }
    if (key.isAcceptable()) {
      acceptAll();
      return;
    }
    var connection = (RelayConnection) key.attachment();
    if (key.isReadable()) {
      read(connection);
    }
    if (key.isValid() && key.isWritable()) {
      flush(connection);
    }
  }

  private void acceptAll() {
    try {
      for (SocketChannel channel = listener.accept();
          channel != null;
          channel = listener.accept()) {
        channel.configureBlocking(false);
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        var connection = new RelayConnection(channel);
        connection.interestOps = readingPaused ? 0 : SelectionKey.OP_READ;
        connection.key = channel.register(selector, connection.interestOps, connection);
      }
    } catch (IOException e) {
      // out of descriptors, most likely: the connections already open carry on
    }
  }

  private void read(RelayConnection connection) {
    current = connection;
    try {
      if (reader.read(connection.channel, connection.partialLine, this) < 0) {
        close(connection);
      }
    } catch (IOException e) {
      close(connection);
    }
  }

  @Override
  public void onLine(byte[] bytes, int from, int to) {
    if (current.closed) {
      return;
    }
    ClientFrame frame;
    try {
      frame = codec.decodeClientFrame(ByteBuffer.wrap(bytes, from, to - from));
    } catch (BadFrameException e) {
      send(current, new ServerFrame.Error(e.re(), e.code(), e.getMessage(), null));
      return;
    }
    if (frame instanceof ClientFrame.Hello hello) {
      onHello(current, hello);
    } else if (frame instanceof ClientFrame.Ping ping) {
      send(current, new ServerFrame.Pong(ping.id()));
    } else if (frame instanceof ClientFrame.Quit) {
      send(current, new ServerFrame.Bye(DepartureReason.QUIT, "goodbye"));
      flush(current);
      close(current);
    } else if (current.nick == null) {
      send(current, error(frame.id(), ErrorCode.NOT_LOGGED_IN, "say hello first"));
    } else if (frame instanceof ClientFrame.Say say) {
      onSay(current, say);
    } else if (frame instanceof ClientFrame.Join join) {
      onJoin(current, join.room(), join.id());
    } else if (frame instanceof ClientFrame.Create create) {
      onJoin(current, create.room(), create.id());
    } else {
      send(current, error(frame.id(), ErrorCode.UNKNOWN_TYPE, "the raw relay does not do that"));
    }
  }

  private void onHello(RelayConnection connection, ClientFrame.Hello hello) {
    if (connection.nick != null) {
      send(connection, error(hello.id(), ErrorCode.ALREADY_LOGGED_IN, "you are logged in"));
      return;
    }
    connection.nick = hello.nick() != null ? hello.nick() : "Guest" + ++guests;
    send(
        connection,
        new ServerFrame.Welcome(
            hello.id(), connection.nick, ProtocolRules.PROTOCOL_VERSION, SERVER_NAME, ""));
  }

  private void onJoin(RelayConnection connection, String name, FrameId re) {
    String canonical = ProtocolRules.canonical(name);
    RelayRoom room = rooms.computeIfAbsent(canonical, key -> new RelayRoom(name, key));
    if (!room.members.contains(connection)) {
      if (!room.members.isEmpty()) {
        byte[] joined =
            codec.encode(new ServerFrame.MemberJoined(room.name(), connection.nick, now()));
        room.members.forEach(member -> queue(member, joined));
      }
      room.members.add(connection);
      connection.rooms.add(room);
    }
    send(connection, new ServerFrame.Joined(re, room.name(), null, room.memberNicks(), 0));
  }

  private void onSay(RelayConnection sender, ClientFrame.Say say) {
    RelayRoom room = sender.room(ProtocolRules.canonical(say.room()));
    if (room == null) {
      send(sender, error(say.id(), ErrorCode.NOT_IN_ROOM, "you are not in room " + say.room()));
      return;
    }
    long seq = room.nextSeq++;
    Instant ts = now();
    byte[] message =
        codec.encode(
            new ServerFrame.Message(null, room.name(), seq, sender.nick, say.text(), ts, null));
    for (RelayConnection member : room.members) {
      if (member != sender) {
        queue(member, message);
      }
    }
    send(
        sender,
        new ServerFrame.Message(say.id(), room.name(), seq, sender.nick, say.text(), ts, null));
  }

  private void send(RelayConnection connection, ServerFrame frame) {
    queue(connection, codec.encode(frame));
  }

  private void queue(RelayConnection connection, byte[] frame) {
    if (connection.closed) {
      return;
    }
    ByteBuffer output = connection.output;
    if (output == null) {
      output = ByteBuffer.allocate(Math.max(FIRST_OUTPUT_BYTES, frame.length));
    } else if (output.remaining() < frame.length) {
      var larger =
          ByteBuffer.allocate(Math.max(2 * output.capacity(), output.position() + frame.length));
      output = larger.put(output.flip());
    }
    connection.output = output.put(frame);
    connection.lastOutputAt = roundStartedAt;
    if (!connection.waitingForFlush) {
      connection.waitingForFlush = true;
      waitingForFlush.add(connection);
    }
    if (!connection.overfull && output.position() > maxPendingOutput) {
      connection.overfull = true;
      overfullConnections++;
    }
  }

  private void flushWaiting() {
    for (RelayConnection connection : waitingForFlush) {
      connection.waitingForFlush = false;
      flush(connection);
    }
    waitingForFlush.clear();
  }

  /** One write of everything waiting; what the socket does not take waits for OP_WRITE. */
  private void flush(RelayConnection connection) {
    if (connection.closed || connection.output == null) {
      return;
    }
    ByteBuffer output = connection.output.flip();
    try {
      connection.channel.write(output);
    } catch (IOException e) {
      close(connection);
      return;
    }
    output.compact();
    if (connection.overfull && output.position() <= maxPendingOutput / 2) {
      connection.overfull = false;
      overfullConnections--;
    }
    setInterest(connection);
  }

  private void pauseOrResumeReading() {
    boolean pause = overfullConnections > 0;
    if (pause != readingPaused) {
      readingPaused = pause;
      for (SelectionKey key : selector.keys()) {
        if (key.attachment() instanceof RelayConnection connection) {
          setInterest(connection);
        }
      }
    }
  }

  private void setInterest(RelayConnection connection) {
    if (connection.closed) {
      return;
    }
    int ops =
        (readingPaused ? 0 : SelectionKey.OP_READ)
            | (connection.pendingBytes() > 0 ? SelectionKey.OP_WRITE : 0);
    if (ops != connection.interestOps) {
      connection.interestOps = ops;
      connection.key.interestOps(ops);
    }
  }

  private void releaseIdleOutput() {
    long now = roundStartedAt;
    if (now - sweptAt < IDLE_OUTPUT_NANOS) {
      return;
    }
    sweptAt = now;
    for (SelectionKey key : selector.keys()) {
      if (key.attachment() instanceof RelayConnection connection
          && connection.output != null
          && connection.pendingBytes() == 0
          && now - connection.lastOutputAt > IDLE_OUTPUT_NANOS) {
        connection.output = null;
      }
    }
  }

  private void close(RelayConnection connection) {
    if (connection.closed) {
      return;
    }
    connection.closed = true;
    if (connection.overfull) {
      overfullConnections--;
    }
    for (RelayRoom room : connection.rooms) {
      room.members.remove(connection);
    }
    connection.output = null;
    try {
      connection.channel.close();
    } catch (IOException ignored) {
      // it is gone either way
    }
  }

  private static ServerFrame.Error error(FrameId re, ErrorCode code, String message) {
    return new ServerFrame.Error(re, code, message, null);
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MILLIS);
  }
}
