package dev.parley.server.session;

import java.net.InetSocketAddress;

/**
 * A session's link to its client, made by a front door: where the client connects from, and where
 * the session's output goes (frames, then their end).
 */
public record ClientConnection(InetSocketAddress remote, ConnectionOutput output) {

  /** The client's IP address, without the port. */
  public String host() {
    return remote.getAddress() == null
        ? remote.getHostString()
        : remote.getAddress().getHostAddress();
  }

  /** The client's address and port, for the log. */
  public String describe() {
    return host() + ":" + remote.getPort();
  }
}
