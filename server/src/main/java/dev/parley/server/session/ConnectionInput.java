package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * Where a session's frames come from, made by its front door: {@link Session.FrameReceived}, each
 * only once the session asked for it, then {@link Session.InputEnded} or {@link
 * Session.InputFailed}. Nothing more is read from the client while the session has not asked.
 */
public interface ConnectionInput {

  /** Where the frames go; nothing is delivered before. */
  void attach(ActorRef<Session.Command> session);

  /** Delivers the next frame when there is one. */
  void readNext();

  /** The session is gone: nothing more is delivered, and the client is no longer read. */
  void close();
}
