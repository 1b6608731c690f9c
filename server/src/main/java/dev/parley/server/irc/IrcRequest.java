package dev.parley.server.irc;

/**
 * What an IRC command asked of the session, kept by the id of the frame it became until that
 * frame's answer comes: the answer's numerics depend on it.
 */
sealed interface IrcRequest {

  /** The {@code hello} that NICK and USER (and PASS) make. */
  record Register(String nick) implements IrcRequest {}

  /** {@code QUIT}, or the end of a connection refused its server password: answered by a bye. */
  record Quit() implements IrcRequest {}

  /** The {@code hello} of a SASL PLAIN login. */
  record SaslLogin(String account) implements IrcRequest {}

  /** {@code JOIN}; {@code creating} once the room was found missing and is being created. */
  record Join(String channel, boolean creating) implements IrcRequest {}

  /** {@code TOPIC #channel}: asked of a room the client is in by joining it again. */
  record TopicQuery(String channel) implements IrcRequest {}

  record SetTopic(String channel) implements IrcRequest {}

  record Part(String channel) implements IrcRequest {}

  /** {@code KICK}, one of its nicks: answered {@code ok}, the KICK itself comes from the room. */
  record Kick(String channel, String nick) implements IrcRequest {}

  /** {@code PRIVMSG} or {@code NOTICE}, whose failures are never answered. */
  record Send(String target, boolean notice) implements IrcRequest {}

  record Names(String channel) implements IrcRequest {}

  record WhoChannel(String channel) implements IrcRequest {}

  /** {@code WHO nick}, {@code WHOIS nick} or {@code ISON}: who is online. */
  record Online(Query query, java.util.List<String> nicks, String mask) implements IrcRequest {}

  enum Query {
    WHO,
    WHOIS,
    ISON
  }

  /** {@code LIST}: {@code continued} for the pages after the first, asked as it answers. */
  record ListChannels(boolean continued) implements IrcRequest {}

  /** {@code AWAY}: {@code message} null when the client is back. */
  record Away(String message) implements IrcRequest {}

  /** {@code CHATHISTORY}: its messages go in the batch {@code batch}. */
  record ChatHistory(String channel, String batch) implements IrcRequest {}
}
