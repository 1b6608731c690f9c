package dev.parley.client.command;

import dev.parley.protocol.ProtocolRules;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Reads what the user typed: {@code /word arguments} is a command, {@code //text} is text that
 * starts with a slash, anything else is text for the current room.
 */
public final class CommandParser {

  private static final String ROOM_RULE = "1 to 32 letters, digits, _ - or .";
  private static final String NICK_RULE =
      "1 to 16 letters, digits or _-[]{}\\^|, not starting with a digit or -";

  // as the server counts: code points
  private static final int MIN_PASSWORD_CHARS = 8;

  private CommandParser() {}

  public static ParsedLine parse(String line) {
    if (line.isBlank()) {
      return ParsedLine.Blank.INSTANCE;
    }
    if (line.startsWith("//")) {
      return say(line.substring(1));
    }
    if (!line.startsWith("/")) {
      return say(line);
    }
    String trimmed = line.strip();
    int space = indexOfWhitespace(trimmed);
    String word = space < 0 ? trimmed : trimmed.substring(0, space);
    String rest = space < 0 ? "" : trimmed.substring(space).strip();
    return SlashCommand.byWord(word)
        .map(command -> parse(command, rest))
        .orElseGet(() -> unknown(word));
  }

  private static ParsedLine parse(SlashCommand command, String rest) {
    List<String> args = rest.isEmpty() ? List.of() : List.of(rest.split("\\s+"));
    return switch (command) {
      case CREATE -> {
        if (args.isEmpty()) {
          yield usage(command);
        }
        String topic = rest.substring(args.get(0).length()).strip();
        yield room(
            args.get(0), room -> new UserCommand.Create(room, topic.isEmpty() ? null : topic));
      }
      case JOIN -> args.size() != 1 ? usage(command) : room(args.get(0), UserCommand.Join::new);
      case LEAVE ->
          args.size() > 1
              ? usage(command)
              : args.isEmpty()
                  ? ready(new UserCommand.Leave(null))
                  : room(args.get(0), UserCommand.Leave::new);
      case KICK -> {
        if (args.size() < 2) {
          yield usage(command);
        }
        String afterRoom = rest.substring(args.get(0).length()).stripLeading();
        String reason = afterRoom.substring(args.get(1).length()).strip();
        yield nick(
            args.get(1),
            nick ->
                room(
                    args.get(0),
                    room -> new UserCommand.Kick(room, nick, reason.isEmpty() ? null : reason)));
      }
      case WHO ->
          args.size() > 1
              ? usage(command)
              : args.isEmpty()
                  ? ready(new UserCommand.Who(null))
                  : room(args.get(0), UserCommand.Who::new);
      case ROOMS -> args.isEmpty() ? ready(UserCommand.ListRooms.INSTANCE) : usage(command);
      case USERS -> {
        if (args.isEmpty()) {
          yield ready(new UserCommand.ListUsers(null));
        }
        Long seconds = args.size() == 1 ? number(args.get(0), 0) : null;
        yield seconds == null ? usage(command) : ready(new UserCommand.ListUsers(seconds));
      }
      case MSG -> {
        if (args.size() < 2) {
          yield usage(command);
        }
        String text = rest.substring(args.get(0).length()).stripLeading();
        yield nick(args.get(0), to -> text(text, said -> new UserCommand.DirectMessage(to, said)));
      }
      case TOPIC -> rest.isEmpty() ? usage(command) : text(rest, UserCommand.SetTopic::new);
      case HISTORY -> optionalNumber(command, args, UserCommand.ShowHistory::new);
      case BLOCK ->
          args.size() != 1
              ? usage(command)
              : nick(args.get(0), nick -> ready(new UserCommand.Block(nick)));
      case UNBLOCK ->
          args.size() != 1
              ? usage(command)
              : nick(args.get(0), nick -> ready(new UserCommand.Unblock(nick)));
      case AWAY ->
          rest.isEmpty() ? ready(new UserCommand.Away(null)) : text(rest, UserCommand.Away::new);
      case REGISTER ->
          args.isEmpty()
              ? ready(new UserCommand.Register(null))
              : new ParsedLine.Rejected(
                  "usage: /register, which asks for the password; never type a password on the"
                      + " line");
      case PRIVATE ->
          args.size() != 1
              ? usage(command)
              : nick(args.get(0), nick -> ready(new UserCommand.PrivateAsk(nick)));
      case ACCEPT, DECLINE -> {
        boolean accept = command == SlashCommand.ACCEPT;
        yield args.size() > 1
            ? usage(command)
            : args.isEmpty()
                ? ready(new UserCommand.PrivateAnswer(null, accept))
                : nick(args.get(0), nick -> ready(new UserCommand.PrivateAnswer(nick, accept)));
      }
      case P -> {
        if (args.size() < 2) {
          yield usage(command);
        }
        String text = rest.substring(args.get(0).length()).stripLeading();
        yield nick(args.get(0), to -> text(text, said -> new UserCommand.PrivateSay(to, said)));
      }
      case PSEND -> {
        if (args.size() < 2) {
          yield usage(command);
        }
        String path = rest.substring(args.get(0).length()).strip();
        yield nick(args.get(0), to -> ready(new UserCommand.PrivateSend(to, path)));
      }
      case CLOSE ->
          args.size() != 1
              ? usage(command)
              : nick(args.get(0), nick -> ready(new UserCommand.PrivateClose(nick)));
      case WINDOW -> optionalNumber(command, args, UserCommand.SwitchWindow::new);
      case SEND -> args.size() < 2 ? usage(command) : sendFile(args.get(0), rest);
      case FILES -> args.isEmpty() ? ready(UserCommand.ListFiles.INSTANCE) : usage(command);
      case GET -> args.isEmpty() ? usage(command) : getFile(args.get(0), rest);
      case QUIT -> ready(new UserCommand.Quit(rest.isEmpty() ? null : rest));
      case HELP -> ready(UserCommand.Help.INSTANCE);
    };
  }

  /** {@code /send nick path} or {@code /send #room path}; the path is the rest, spaces and all. */
  private static ParsedLine sendFile(String target, String rest) {
    String path = rest.substring(target.length()).strip();
    if (target.startsWith("#")) {
      return room(target, room -> new UserCommand.SendFile(room, null, path));
    }
    return nick(target, nick -> ready(new UserCommand.SendFile(null, nick, path)));
  }

  private static ParsedLine getFile(String id, String rest) {
    if (!id.matches("[0-9a-fA-F]{1,64}")) {
      return new ParsedLine.Rejected(
          "'" + id + "' is not a file's id: /files lists the ids, in hex digits");
    }
    String path = rest.substring(id.length()).strip();
    return ready(new UserCommand.GetFile(id, path.isEmpty() ? null : path));
  }

  /** A command whose one argument, a number from 1, may be left out: then null. */
  private static ParsedLine optionalNumber(
      SlashCommand command, List<String> args, Function<Integer, UserCommand> then) {
    if (args.isEmpty()) {
      return ready(then.apply(null));
    }
    Long number = args.size() == 1 ? number(args.get(0), 1) : null;
    return number == null || number > Integer.MAX_VALUE
        ? usage(command)
        : ready(then.apply(number.intValue()));
  }

  private static ParsedLine say(String text) {
    return text(text, UserCommand.Say::new);
  }

  private static ParsedLine text(String text, Function<String, UserCommand> command) {
    return ProtocolRules.textProblem(text, Integer.MAX_VALUE)
        .<ParsedLine>map(ParsedLine.Rejected::new)
        .orElseGet(() -> ready(command.apply(text)));
  }

  private static ParsedLine room(String name, Function<String, UserCommand> command) {
    // irssi habit: #lobby means lobby
    String room = name.startsWith("#") ? name.substring(1) : name;
    if (!ProtocolRules.isValidRoom(room)) {
      return new ParsedLine.Rejected(
          "'" + name + "' is not a room name: a room name has " + ROOM_RULE);
    }
    return ready(command.apply(room));
  }

  private static ParsedLine nick(String nick, Function<String, ParsedLine> then) {
    return ProtocolRules.isValidNick(nick)
        ? then.apply(nick)
        : new ParsedLine.Rejected(notANick(nick));
  }

  /** The hint for something typed as a nick that is not one. */
  public static String notANick(String typed) {
    return "'" + typed + "' is not a nick: a nick has " + NICK_RULE;
  }

  /** Why a new password is refused before it is sent, or empty when it will do. */
  public static Optional<String> passwordProblem(String password) {
    if (password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
      return Optional.of("a password has at least " + MIN_PASSWORD_CHARS + " chars");
    }
    if (password.isBlank()) {
      return Optional.of("a password must not be blank");
    }
    return Optional.empty();
  }

  private static Long number(String text, long min) {
    try {
      long value = Long.parseLong(text);
      return value < min ? null : value;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static ParsedLine ready(UserCommand command) {
    return new ParsedLine.Ready(command);
  }

  private static ParsedLine usage(SlashCommand command) {
    return new ParsedLine.Rejected("usage: " + command.usage() + " (" + command.summary() + ")");
  }

  private static ParsedLine unknown(String word) {
    var close =
        word.length() > 1
            ? SlashCommand.startingWith(word.substring(0, 2))
            : List.<SlashCommand>of();
    String suggestion =
        close.isEmpty()
            ? ""
            : "; did you mean "
                + close.stream().map(SlashCommand::word).collect(Collectors.joining(" or "))
                + "?";
    return new ParsedLine.Rejected(
        "unknown command " + word + suggestion + " (/help lists the commands)");
  }

  private static int indexOfWhitespace(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isWhitespace(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }
}
