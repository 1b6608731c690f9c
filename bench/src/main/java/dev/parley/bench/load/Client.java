package dev.parley.bench.load;

import dev.parley.bench.wire.PartialLine;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;

/** One simulated user: its connection and where it is in its session. Owned by one loop. */
final class Client {

  final int index;
  final String nick;

  /** The room it joins, or -1 for none. */
  final int room;

  /** It creates its room before the others join it. */
  final boolean creator;

  /** Null unless it sends messages. */
  final Sender sender;

  final PartialLine partialLine = new PartialLine();
  SocketChannel channel;
  SelectionKey key;
  int interestOps;
  long connectStartedAt;
  boolean welcomed;
  boolean joined;
  boolean closed;

  /** Frames other than {@code say} that the socket did not take yet, or null. */
  ByteBuffer unsent;

  Client(int index, int room, boolean creator, Sender sender) {
    this.index = index;
    this.nick = "u" + index;
    this.room = room;
    this.creator = creator;
    this.sender = sender;
  }

  boolean isMember() {
    return welcomed && joined && !closed;
  }
}
