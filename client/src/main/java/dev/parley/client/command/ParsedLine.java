package dev.parley.client.command;

/** One input line, read: a command to carry out, a hint for a line that is not one, or nothing. */
public sealed interface ParsedLine {

  record Ready(UserCommand command) implements ParsedLine {}

  /** The line is not a valid command; nothing is sent, the user sees the hint. */
  record Rejected(String hint) implements ParsedLine {}

  enum Blank implements ParsedLine {
    INSTANCE
  }
}
