package dev.parley.client.terminal;

import dev.parley.client.command.SlashCommand;
import java.util.List;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion: command words at the start of a line, room names where a command takes a room
 * (for {@code /leave} those the user is in; with a {@code #} when one was typed), nicks where it
 * takes a nick, and nicks in text ({@code nick:} at the start of a line, to address someone).
 */
final class ChatCompleter implements Completer {

  private final SeenNames names;
  private final Supplier<String> ownNick;

  ChatCompleter(SeenNames names, Supplier<String> ownNick) {
    this.names = names;
    this.ownNick = ownNick;
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    String first = words.isEmpty() ? "" : words.get(0);
    if (index == 0 && first.startsWith("/")) {
      for (SlashCommand command : SlashCommand.values()) {
        candidates.add(
            new Candidate(
                command.word(), command.word(), null, command.summary(), null, null, true));
      }
      return;
    }
    var command = SlashCommand.byWord(first);
    if (command.isPresent() && index == 1 && command.get().takesRoom()) {
      List<String> rooms =
          command.get() == SlashCommand.LEAVE ? names.joinedRooms() : names.rooms();
      String mark = line.word().startsWith("#") ? "#" : "";
      for (String room : rooms) {
        candidates.add(new Candidate(mark + room, mark + room, null, null, null, null, true));
      }
      return;
    }
    boolean nickArgument = command.isPresent() && index == 1 && command.get().takesNick();
    if (command.isPresent()
        && !nickArgument
        && command.get() != SlashCommand.TOPIC
        && command.get() != SlashCommand.MSG
        && command.get() != SlashCommand.QUIT) {
      return;
    }
    String self = ownNick.get();
    for (String nick : names.nicks()) {
      if (nick.equalsIgnoreCase(self)) {
        continue;
      }
      String value = index == 0 ? nick + ":" : nick;
      candidates.add(new Candidate(value, nick, null, null, null, null, true));
    }
  }
}
