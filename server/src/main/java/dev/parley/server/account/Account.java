package dev.parley.server.account;

import java.util.Set;

/** A registered nick: its password hash, and the nicks (canonical) it blocks. */
public record Account(String nick, String passwordHash, Set<String> blocked) {

  public Account {
    blocked = Set.copyOf(blocked);
  }

  public Account withBlocked(Set<String> blocked) {
    return new Account(nick, passwordHash, blocked);
  }

  @Override
  public String toString() {
    return "Account[" + nick + "]";
  }
}
