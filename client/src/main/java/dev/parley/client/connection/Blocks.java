package dev.parley.client.connection;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.HashSet;
import java.util.Set;

/**
 * The nicks this user blocks, as far as this client learned: their messages are not shown. Belongs
 * to the {@link Connection} actor.
 */
final class Blocks {

  private final Set<String> canonicalNicks = new HashSet<>();

  /** Whether {@code message} is from a nick the user blocks. */
  boolean hides(ServerFrame.Message message) {
    // the server withholds them live, but not from a replay or history
    return canonicalNicks.contains(ProtocolRules.canonical(message.from()));
  }

  void blocked(String nick) {
    canonicalNicks.add(ProtocolRules.canonical(nick));
  }

  void unblocked(String nick) {
    canonicalNicks.remove(ProtocolRules.canonical(nick));
  }

  /** The server refused {@code command} with {@code code}. */
  void refused(UserCommand command, ErrorCode code) {
    // what the server says it has: the client did not know of a block from an earlier session
    if (command instanceof UserCommand.Block block && code == ErrorCode.ALREADY_BLOCKED) {
      blocked(block.nick());
    } else if (command instanceof UserCommand.Unblock unblock && code == ErrorCode.NOT_BLOCKED) {
      unblocked(unblock.nick());
    }
  }
}
