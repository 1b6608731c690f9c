package dev.parley.server.session;

import java.net.InetSocketAddress;
import java.util.function.Consumer;

/**
 * A session's link to its client, made by a front door: where the client connects from, and where
 * the session's output goes (one {@link Outbound.Frames} at a time, each acknowledged with {@link
 * Session.OutputTaken}, then {@link Outbound.End} or {@link Outbound.Abort}).
 */
public record ClientConnection(InetSocketAddress remote, Consumer<Outbound> output) {

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
