package dev.parley.server.session.inbox;

/**
 * Anything a session actor takes: its own commands, and what the rooms and the directory tell it.
 * The rooms' and the directory's events are of this type so that they reach the session as they
 * are, without a message adapter's wrapping, at one message and two objects fewer per delivery;
 * this package depends on nothing, so that the rooms and the directory need not depend on the
 * session's.
 */
public interface SessionMessage {}
