package dev.parley.client.connection;

import dev.parley.protocol.ServerFrame;

/**
 * Where the connection shows what happens: the terminal, a script's output, or a test. Called on
 * the connection's own thread, one call at a time, in order.
 */
public interface ChatView {

  /** A frame from the server, in the order the server sent it. */
  void onFrame(ServerFrame frame);

  void onEvent(ClientEvent event);
}
