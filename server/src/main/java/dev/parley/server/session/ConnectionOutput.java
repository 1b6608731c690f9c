package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a session's output goes, made by its front door: {@link Outbound.Frames}, then {@link
 * Outbound.End} or {@link Outbound.Abort}. The session hands over the next frames once the
 * connection took the last; it is told {@link Session.OutputTaken} only when it waits for that, so
 * that a connection that keeps up costs no message per write.
 */
public interface ConnectionOutput {

  /** Where {@link Session.OutputTaken} goes. */
  void attach(ActorRef<Session.Command> session);

  void handOver(Outbound outbound);

  /** Bytes handed over that the connection has not taken yet. */
  long pendingBytes();

  /**
   * Whether the connection took everything handed over. If not, the session is told {@link
   * Session.OutputTaken} once it has; now and then it is told so when it already knows.
   */
  boolean takenOrTellWhenTaken();
}
