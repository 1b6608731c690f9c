package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.KillSwitch;

/**
 * A session's link to its client, made by a front door: where the session's output goes (one {@link
 * Outbound.Frames} at a time, each acknowledged with {@link Session.OutputTaken}) and the switch
 * that cuts the connection at once.
 */
public record ClientConnection(
    String remoteAddress, ActorRef<Outbound> output, KillSwitch killSwitch) {}
