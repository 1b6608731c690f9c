package dev.parley.bench.persist;

import dev.parley.bench.load.SayWriter;
import dev.parley.bench.wire.PartialLine;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One sender of {@link RoomSenders}: its connection, its output, and its says in flight. */
final class SayingConnection {

  private static final int OUTPUT_BYTES = 64 * 1024;

  final String nick;
  final SocketChannel channel;
  final SelectionKey key;
  final SayWriter say;
  final PartialLine partialLine = new PartialLine();

  /** Frames to write, in read mode: written up to its position, filled up to its limit. */
  final ByteBuffer out = ByteBuffer.allocate(OUTPUT_BYTES).flip();

  int interestOps = SelectionKey.OP_READ;
  boolean welcomed;
  boolean joined;

  /** Says written, and the id of the last one. */
  long sent;

  /** Says whose own message came back: stored by the room. */
  long acknowledged;

  SayingConnection(String nick, SocketChannel channel, SelectionKey key, SayWriter say) {
    this.nick = nick;
    this.channel = channel;
    this.key = key;
    this.say = say;
  }

  long inFlight() {
    return sent - acknowledged;
  }
}
