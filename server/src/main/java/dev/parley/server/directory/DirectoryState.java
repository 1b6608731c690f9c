package dev.parley.server.directory;

import dev.parley.protocol.ProtocolRules;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the directory keeps across restarts, by canonical nick: the accounts registered through the
 * protocol, the blocks of every account, and the mail kept for accounts, oldest first. Changed only
 * by {@link #apply}, on the directory's own thread; a snapshot is a copy. The empty state is never
 * changed: Pekko starts every recovery of the directory from that one instance.
 */
final class DirectoryState {

  private final Map<String, DirectoryEvent.AccountRegistered> accounts = new LinkedHashMap<>();
  private final Map<String, Set<String>> blocks = new HashMap<>();
  private final Map<String, List<DirectoryEvent.MailKept>> mail = new LinkedHashMap<>();
  private final boolean empty;

  private DirectoryState(boolean empty) {
    this.empty = empty;
  }

  /** No accounts yet; {@link #apply} returns a state of its own. */
  static DirectoryState empty() {
    return new DirectoryState(true);
  }

  static DirectoryState fromSnapshot(DirectorySnapshot snapshot) {
    var state = new DirectoryState(false);
    snapshot.accounts().forEach(state::apply);
    snapshot.blocks().forEach(state::apply);
    snapshot.mail().forEach(state::apply);
    return state;
  }

  DirectorySnapshot toSnapshot() {
    return new DirectorySnapshot(
        List.copyOf(accounts.values()),
        blocks.entrySet().stream()
            .map(entry -> new DirectoryEvent.BlocksSet(entry.getKey(), entry.getValue()))
            .toList(),
        mail.values().stream().flatMap(List::stream).toList());
  }

  DirectoryState apply(DirectoryEvent event) {
    DirectoryState state = empty ? new DirectoryState(false) : this;
    state.change(event);
    return state;
  }

  private void change(DirectoryEvent event) {
    if (event instanceof DirectoryEvent.AccountRegistered registered) {
      accounts.put(key(registered.nick()), registered);
    } else if (event instanceof DirectoryEvent.BlocksSet set) {
      if (set.blocked().isEmpty()) {
        blocks.remove(key(set.nick()));
      } else {
        blocks.put(key(set.nick()), set.blocked());
      }
    } else if (event instanceof DirectoryEvent.MailKept kept) {
      mail.computeIfAbsent(key(kept.to()), key -> new ArrayList<>()).add(kept);
    } else if (event instanceof DirectoryEvent.MailDelivered delivered) {
      mail.remove(key(delivered.nick()));
    } else if (event instanceof DirectoryEvent.MailHandedOver handedOver) {
      List<DirectoryEvent.MailKept> kept = mail.get(key(handedOver.nick()));
      if (kept != null && handedOver.count() < kept.size()) {
        kept.subList(0, handedOver.count()).clear();
      } else {
        mail.remove(key(handedOver.nick()));
      }
    }
  }

  /** The account registered as {@code key}, or null. */
  DirectoryEvent.AccountRegistered account(String key) {
    return accounts.get(key);
  }

  Set<String> blocksOf(String key) {
    return blocks.getOrDefault(key, Set.of());
  }

  List<DirectoryEvent.MailKept> mailFor(String key) {
    return List.copyOf(mail.getOrDefault(key, List.of()));
  }

  private static String key(String nick) {
    return ProtocolRules.canonical(nick);
  }
}
