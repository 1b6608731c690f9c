package dev.parley.server.console;

import java.util.Arrays;
import java.util.Optional;

/** The commands of the operator's console: what {@code /help} lists and Tab completes. */
enum OperatorCommand {
  WHO("/who", "", "the connections: nick, address, rooms, connected since"),
  ROOMS("/rooms", "", "the rooms, their members and topics"),
  KICK("/kick", "NICK [REASON]", "end a user's session (bye kicked)"),
  SHUTDOWN("/shutdown", "[SECONDS]", "announce, wait, then shut down gracefully"),
  HELP("/help", "", "this list");

  private final String word;
  private final String arguments;
  private final String summary;

  OperatorCommand(String word, String arguments, String summary) {
    this.word = word;
    this.arguments = arguments;
    this.summary = summary;
  }

  String word() {
    return word;
  }

  String summary() {
    return summary;
  }

  /** {@code /kick NICK [REASON]}: the command with what it takes. */
  String usage() {
    return arguments.isEmpty() ? word : word + " " + arguments;
  }

  static Optional<OperatorCommand> byWord(String word) {
    return Arrays.stream(values()).filter(command -> command.word.equals(word)).findFirst();
  }
}
