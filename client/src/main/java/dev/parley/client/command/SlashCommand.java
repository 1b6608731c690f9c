package dev.parley.client.command;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The commands a user types, with what /help says about them. */
public enum SlashCommand {
  CREATE("room [topic]", "create a room and join it"),
  JOIN("room", "join a room, or switch to a room you are in"),
  LEAVE("[room]", "leave a room (default: the current one)"),
  KICK("room nick [reason]", "take nick out of a room (operators only)"),
  ROOMS("", "list the rooms"),
  WHO("[room]", "list who is in a room (default: the current one)"),
  USERS("[seconds]", "list who is online, and who was seen within seconds"),
  MSG("nick text", "send nick a direct message"),
  TOPIC("text", "set the current room's topic"),
  HISTORY("[n]", "show the current room's latest n messages (default 50)"),
  BLOCK("nick", "hide nick's messages and refuse their DMs"),
  UNBLOCK("nick", "see nick's messages and take their DMs again"),
  AWAY("[text]", "mark yourself away, with text saying why; without text, back again"),
  REGISTER("", "make your nick an account (asks twice for a password)"),
  PRIVATE("nick", "ask nick to talk directly, client to client, not through the server"),
  ACCEPT(
      "[nick]",
      "accept nick's offer to talk directly (default: the =nick window's, or the latest)"),
  DECLINE("[nick]", "decline nick's offer to talk directly (default: as for /accept)"),
  P("nick text", "say text to nick over the direct link (or type in the =nick window)"),
  PSEND("nick path", "send a file to nick over the direct link (resumes a cut transfer)"),
  CLOSE("nick", "end the direct link with nick"),
  WINDOW("[n]", "switch to window n (also Alt+n); alone, list the windows"),
  SEND("nick|#room path", "share a file with nick or a room (uploaded to the server)"),
  FILES("", "list the files shared with you this session, with their ids"),
  GET("id [path]", "download a shared file (default: the download folder), checked"),
  QUIT("[text]", "leave the server and exit"),
  HELP("", "list the commands");

  private final String arguments;
  private final String summary;

  SlashCommand(String arguments, String summary) {
    this.arguments = arguments;
    this.summary = summary;
  }

  /** As typed: {@code /join}. */
  public String word() {
    return "/" + name().toLowerCase(Locale.ROOT);
  }

  /** As shown in help and hints: {@code /join room}. */
  public String usage() {
    return arguments.isEmpty() ? word() : word() + " " + arguments;
  }

  public String summary() {
    return summary;
  }

  /** The widest {@link #usage()}: where a list of the commands starts their summaries. */
  public static int widestUsage() {
    return Arrays.stream(values()).mapToInt(command -> command.usage().length()).max().orElse(0);
  }

  /** Whether the command's first argument is a room name. */
  public boolean takesRoom() {
    return this == CREATE || this == JOIN || this == LEAVE || this == KICK || this == WHO;
  }

  /** Whether the command's first argument is a nick. */
  public boolean takesNick() {
    return this == MSG
        || this == BLOCK
        || this == UNBLOCK
        || this == PRIVATE
        || this == ACCEPT
        || this == DECLINE
        || this == P
        || this == PSEND
        || this == CLOSE;
  }

  public static Optional<SlashCommand> byWord(String word) {
    return Arrays.stream(values()).filter(c -> c.word().equalsIgnoreCase(word)).findFirst();
  }

  /** The commands whose word starts with {@code prefix}, for hints and completion. */
  public static List<SlashCommand> startingWith(String prefix) {
    String lower = prefix.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.word().startsWith(lower)).toList();
  }
}
