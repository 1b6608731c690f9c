package dev.parley.server.session;

import java.net.InetSocketAddress;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.KillSwitch;

/**
 * A session's link to its client, made by a front door: where the client connects from, where the
 * session's output goes (one {@link Outbound.Frames} at a time, each acknowledged with {@link
 * Session.OutputTaken}) and the switch that cuts the connection at once.
 */
public record ClientConnection(
    InetSocketAddress remote, ActorRef<Outbound> output, KillSwitch killSwitch) {

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
