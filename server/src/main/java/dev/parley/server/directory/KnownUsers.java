package dev.parley.server.directory;

import dev.parley.server.account.Account;
import dev.parley.server.directory.Presence.Online;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Who the directory knows as an account: the operator's from the users file, whose passwords count
 * over those registered under the same nick, and the registered ones; and whom each user blocks, an
 * account's kept with it, a guest's with its session.
 */
final class KnownUsers {

  private final Map<String, Account> listedAccounts = new HashMap<>();
  private final Presence presence;

  KnownUsers(List<Account> listedAccounts, Presence presence) {
    listedAccounts.forEach(
        account -> this.listedAccounts.put(Directory.key(account.nick()), account));
    this.presence = presence;
  }

  /** Whether {@code key} is an account of the users file. */
  boolean isListed(String key) {
    return listedAccounts.containsKey(key);
  }

  /** The account of {@code key}, from the users file or registered, with its blocks; or null. */
  Account accountOf(DirectoryState state, String key) {
    Account listed = listedAccounts.get(key);
    if (listed != null) {
      return listed.withBlocked(state.blocksOf(key));
    }
    var registered = state.account(key);
    return registered == null
        ? null
        : new Account(registered.nick(), registered.passwordHash(), state.blocksOf(key));
  }

  Set<String> blocksOf(DirectoryState state, String key) {
    Account account = accountOf(state, key);
    if (account != null) {
      return account.blocked();
    }
    Online user = presence.online(key);
    return user == null ? Set.of() : Set.copyOf(user.guestBlocks);
  }
}
