package dev.parley.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;

/** What the load generator says to a server, and how it reads what the server says back. */
public interface Dialect {

  /**
   * What a new connection sends first; the server's answer is a {@link LineScanner.Kind#WELCOME}.
   */
  byte[] greeting(String nick);

  /** What the first member of a room sends to make it; answered by a {@code JOINED}. */
  byte[] create(String room);

  /** What every other member sends to enter the room; answered by a {@code JOINED}. */
  byte[] join(String room);

  String roomName(int room);

  MessageWriter messageWriter(String room, int textChars);

  LineScanner newScanner();

  /**
   * Whether a sender sees its own messages come back. When not, another member of its room counts
   * them for it, so that the sender's window still has something to wait for.
   */
  boolean echoes();

  /**
   * One client does what a workload's clients will do and quits, so that the server's first use of
   * each (class loading, codec set-up) is not timed as part of the workload.
   */
  void warmUp(InetSocketAddress server, Duration timeout) throws IOException;
}
