package dev.parley.server.session;

import java.net.InetSocketAddress;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A session's link to its client, made by a front door: where the client connects from, whether
 * through TLS, where the session's frames come from, where its output goes (frames, then their
 * end), and the protocol the client speaks.
 */
public record ClientConnection(
    InetSocketAddress remote,
    boolean secure,
    ConnectionInput input,
    ConnectionOutput output,
    Dialect dialect) {

  /** Connects both ends to the session. */
  public void attach(ActorRef<Session.Command> session) {
    input.attach(session);
    output.attach(session);
  }

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
