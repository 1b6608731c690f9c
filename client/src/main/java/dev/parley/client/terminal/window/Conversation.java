package dev.parley.client.terminal.window;

import dev.parley.protocol.ProtocolRules;

/**
 * What a window shows: the status window, a room, a direct conversation with one nick through the
 * server, or a private one over a direct link.
 */
public sealed interface Conversation {

  /** The same for every spelling of the same room or nick. */
  String key();

  /** As the status bar and the window list name it. */
  String label();

  /** Server notices, connection events and what belongs to no room. */
  enum Status implements Conversation {
    INSTANCE;

    @Override
    public String key() {
      return "";
    }

    @Override
    public String label() {
      return "status";
    }
  }

  record Room(String name) implements Conversation {
    @Override
    public String key() {
      return "#" + ProtocolRules.canonical(name);
    }

    @Override
    public String label() {
      return "#" + name;
    }
  }

  /** Direct messages with {@code nick}. */
  record Direct(String nick) implements Conversation {
    @Override
    public String key() {
      return ProtocolRules.canonical(nick);
    }

    @Override
    public String label() {
      return nick;
    }
  }

  /** A private conversation with {@code nick}, over a direct link between the two clients. */
  record Private(String nick) implements Conversation {
    @Override
    public String key() {
      return "=" + ProtocolRules.canonical(nick);
    }

    @Override
    public String label() {
      return "=" + nick;
    }
  }
}
