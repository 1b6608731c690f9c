package dev.parley.server.irc;

import dev.parley.server.session.Inbound;

/** What one line from an IRC client turned out to be, for its session's IRC dialect to answer. */
public sealed interface IrcArrival extends Inbound.Native {

  record Line(IrcMessage message) implements IrcArrival {}

  /** A line over its limits, skipped: answered 417 ERR_INPUTTOOLONG, the connection kept. */
  enum TooLong implements IrcArrival {
    INSTANCE
  }

  /** A line whose bytes are not UTF-8, skipped. */
  enum NotUtf8 implements IrcArrival {
    INSTANCE
  }

  /** A line that is not an IRC message; {@code why} is fit to send to the client. */
  record Malformed(String why) implements IrcArrival {}
}
