package dev.parley.bench.relay;

import dev.parley.bench.wire.PartialLine;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;

/** One client of the raw relay: its socket, nick, rooms and the output waiting for it. */
final class RelayConnection {

  final SocketChannel channel;
  final PartialLine partialLine = new PartialLine();
  final List<RelayRoom> rooms = new ArrayList<>(1);
  SelectionKey key;
  int interestOps;
  String nick;

  /** Output in write mode (position at its end), or null while there is none. */
  ByteBuffer output;

  long lastOutputAt;
  boolean waitingForFlush;
  boolean overfull;
  boolean closed;

  RelayConnection(SocketChannel channel) {
    this.channel = channel;
  }

  int pendingBytes() {
    return output == null ? 0 : output.position();
  }

  RelayRoom room(String canonicalName) {
    for (RelayRoom room : rooms) {
      if (room.canonicalName().equals(canonicalName)) {
        return room;
      }
    }
    return null;
  }
}
