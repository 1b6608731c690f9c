package dev.parley.client.terminal;

import dev.parley.client.command.SlashCommand;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command words at the start of a line, listed with their usage and summary in
 * columns; room names where a command takes a room (for {@code /join} and {@code /who} the rooms
 * the server has, fetched as needed; for {@code /leave} and {@code /kick} those the user is in;
 * with a {@code #} when one was typed); nicks where a command takes a nick; and in text ({@code
 * nick:} at the start of a line, to address someone) the nicks of the current room.
 */
final class ChatCompleter implements Completer {

  private static final int USAGE_COLUMN = SlashCommand.widestUsage() + 2;

  private final SeenNames names;
  private final Supplier<String> ownNick;
  private final Runnable fetchServerRooms;

  /** {@code fetchServerRooms}: adds the rooms the server has to {@code names}, when it can. */
  ChatCompleter(SeenNames names, Supplier<String> ownNick, Runnable fetchServerRooms) {
    this.names = names;
    this.ownNick = ownNick;
    this.fetchServerRooms = fetchServerRooms;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String first = words.isEmpty() ? "" : words.get(0);
    if (index == 0 && first.startsWith("/")) {
      for (SlashCommand command : SlashCommand.values()) {
        candidates.add(
            new Candidate(command.word(), menuLine(command), null, null, null, null, true));
      }
      return;
    }
    var command = SlashCommand.byWord(first).orElse(null);
    if (command != null && index == 1 && command.takesRoom()) {
      addRooms(roomsFor(command), line.word().startsWith("#") ? "#" : "", candidates);
      return;
    }
    if (command == SlashCommand.KICK && index == 2) {
      addNicks(names.membersOf(words.get(1).replaceFirst("^#", ""), false), false, candidates);
      return;
    }
    if (command == SlashCommand.SEND && index == 1) {
      addNicks(names.nicks(), false, candidates);
      addRooms(names.joinedRooms(), "#", candidates);
      return;
    }
    if (command != null && index == 1 && command.takesNick()) {
      addNicks(names.nicks(), false, candidates);
      return;
    }
    if (command == null
        || command == SlashCommand.TOPIC
        || command == SlashCommand.MSG
        || command == SlashCommand.QUIT
        || command == SlashCommand.AWAY) {
      addNicks(names.membersOf(null, true), index == 0, candidates);
    }
  }

  private List<String> roomsFor(SlashCommand command) {
    if (command == SlashCommand.LEAVE || command == SlashCommand.KICK) {
      return names.joinedRooms();
    }
    if (command == SlashCommand.JOIN || command == SlashCommand.WHO) {
      fetchServerRooms.run();
    }
    return names.rooms();
  }

  private static void addRooms(List<String> rooms, String mark, List<Candidate> candidates) {
    for (String room : rooms) {
      candidates.add(new Candidate(mark + room, mark + room, null, null, null, null, true));
    }
  }

  private void addNicks(List<String> nicks, boolean addressing, List<Candidate> candidates) {
    String self = ownNick.get();
    for (String nick : nicks) {
      if (!nick.equalsIgnoreCase(self)) {
        candidates.add(
            new Candidate(addressing ? nick + ":" : nick, nick, null, null, null, null, true));
      }
    }
  }

  /** {@code /join room join a room, ...}: the summaries start in one column. */
  private static String menuLine(SlashCommand command) {
    return command.usage()
        + " ".repeat(USAGE_COLUMN - command.usage().length())
        + command.summary();
  }
}
