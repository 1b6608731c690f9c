package dev.parley.server.irc;

/** A line that is not an IRC message; its message says why, in words fit for the client. */
public final class IrcSyntaxException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public IrcSyntaxException(String why) {
    // no stack trace: thrown for what clients send, and answered, never logged as a fault
    super(why, null, false, false);
  }
}
