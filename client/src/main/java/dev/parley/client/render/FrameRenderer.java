package dev.parley.client.render;

import static dev.parley.client.render.Lines.ARRIVAL;
import static dev.parley.client.render.Lines.DEPARTURE;
import static dev.parley.client.render.Lines.DIM;
import static dev.parley.client.render.Lines.DIRECT;
import static dev.parley.client.render.Lines.MENTION;
import static dev.parley.client.render.Lines.NOTICE;
import static dev.parley.client.render.Lines.PLAIN;
import static dev.parley.client.render.Lines.ROOM;
import static dev.parley.client.render.Lines.TOPIC;
import static dev.parley.client.render.Lines.canonical;
import static dev.parley.client.render.Lines.count;
import static dev.parley.client.render.Lines.nickStyle;
import static dev.parley.client.render.Lines.orEmpty;
import static dev.parley.client.render.Lines.seconds;
import static dev.parley.client.render.Lines.withReason;
import static dev.parley.client.render.Lines.withText;

import dev.parley.client.command.SlashCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.files.FileEvent;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;

/**
 * Turns frames and connection events into the lines a person reads, irssi style: {@code [14:03:22]
 * #lobby <alice> hi}, times in local time from the server's {@code ts}. The lines carry colours;
 * {@link AttributedString#toString()} gives them as plain text.
 */
public final class FrameRenderer {

  private final Clock clock;
  private final String timePattern;
  private final Lines layout;
  private final EventLines events;
  private final FileLines files;

  /** {@code timePattern}: a {@link DateTimeFormatter} pattern; the clock's zone is local time. */
  public FrameRenderer(Clock clock, String timePattern) {
    this(clock, timePattern, true);
  }

  private FrameRenderer(Clock clock, String timePattern, boolean roomNames) {
    this.clock = clock;
    this.timePattern = timePattern;
    this.layout = new Lines(clock, timePattern, roomNames);
    this.events = new EventLines(layout, error -> render(error, null));
    this.files = new FileLines(layout, clock);
  }

  /** The same lines without the {@code #room} in front, for the room's own window. */
  public FrameRenderer withoutRoomNames() {
    return new FrameRenderer(clock, timePattern, false);
  }

  /** The lines for a frame; none for frames a person need not see. {@code ownNick} may be null. */
  public List<AttributedString> render(ServerFrame frame, String ownNick) {
    return lines(frame, ownNick).stream().map(Lines::visible).toList();
  }

  private List<AttributedString> lines(ServerFrame frame, String ownNick) {
    if (frame instanceof ServerFrame.Message message) {
      return message(message, ownNick);
    }
    if (frame instanceof ServerFrame.Joined joined) {
      var head =
          layout
              .line(null, joined.room())
              .styled(ARRIVAL, "-->")
              .append(" you joined (members: " + String.join(", ", joined.members()));
      if (joined.topic() == null || joined.topic().isBlank()) {
        return List.of(head.append(")").toAttributedString());
      }
      return withText(head.append("; topic: "), PLAIN, joined.topic() + ")");
    }
    if (frame instanceof ServerFrame.MemberJoined joined) {
      return List.of(
          layout
              .line(joined.ts(), joined.room())
              .styled(ARRIVAL, "-->")
              .append(" ")
              .styled(nickStyle(joined.nick(), ownNick), orEmpty(joined.nick()))
              .append(" joined")
              .toAttributedString());
    }
    if (frame instanceof ServerFrame.MemberLeft left) {
      return memberLeft(left, ownNick);
    }
    if (frame instanceof ServerFrame.Kicked kicked) {
      var head =
          layout
              .line(kicked.ts(), kicked.room())
              .styled(DEPARTURE, "<--")
              .append(" you were kicked from #" + orEmpty(kicked.room()) + " by ")
              .styled(nickStyle(kicked.by(), ownNick), orEmpty(kicked.by()));
      return withReason(head, kicked.text());
    }
    if (frame instanceof ServerFrame.MemberAway away) {
      var head =
          layout
              .line(away.ts(), away.room())
              .append("-!- ")
              .styled(nickStyle(away.nick(), ownNick), orEmpty(away.nick()));
      return away.away() == null
          ? List.of(head.append(" is back").toAttributedString())
          : withText(head.append(" is away: "), DIM, away.away());
    }
    if (frame instanceof ServerFrame.Left left) {
      return List.of(
          layout
              .line(null, left.room())
              .styled(DEPARTURE, "<--")
              .append(" you left")
              .toAttributedString());
    }
    if (frame instanceof ServerFrame.Topic topic) {
      return withText(
          layout
              .line(topic.ts(), topic.room())
              .append("-- ")
              .styled(nickStyle(topic.by(), ownNick), orEmpty(topic.by()))
              .append(" set the topic: "),
          TOPIC,
          topic.topic());
    }
    if (frame instanceof ServerFrame.Notice notice) {
      return withText(
          layout.line(notice.ts(), null).styled(NOTICE, "-!- notice: "), NOTICE, notice.text());
    }
    if (frame instanceof ServerFrame.Direct direct) {
      return direct(direct, ownNick);
    }
    if (frame instanceof ServerFrame.Gap gap) {
      return List.of(
          info(
              gap.room(),
              "missed messages "
                  + gap.fromSeq()
                  + " to "
                  + gap.toSeq()
                  + " (the terminal read too slowly); fetching them"));
    }
    if (frame instanceof ServerFrame.Error error) {
      // the message is written for people; its code goes to the client's log
      return List.of(problem(error.message() + retry(error)));
    }
    if (frame instanceof ServerFrame.Welcome welcome) {
      return welcome(welcome);
    }
    if (frame instanceof ServerFrame.RoomList list) {
      return roomList(list);
    }
    if (frame instanceof ServerFrame.Members members) {
      var away = members.away() == null ? List.<String>of() : members.away();
      return List.of(
          info(
              members.room(),
              count(members.members().size(), "member")
                  + ": "
                  + String.join(
                      ", ",
                      members.members().stream()
                          .map(nick -> away.contains(nick) ? nick + " (away)" : nick)
                          .toList())));
    }
    if (frame instanceof ServerFrame.Users users) {
      return users(users, ownNick);
    }
    if (frame instanceof ServerFrame.HistoryEnd end) {
      return List.of(info(end.room(), "end of history (" + count(end.count(), "message") + ")"));
    }
    if (frame instanceof ServerFrame.Ok) {
      return List.of(info(null, "ok"));
    }
    if (frame instanceof ServerFrame.Bye bye) {
      if (bye.reason() == DepartureReason.QUIT) {
        return List.of(info(null, "bye"));
      }
      String reason =
          bye.reason() == null || bye.reason() == DepartureReason.UNKNOWN
              ? ""
              : " (" + bye.reason().wireName() + ")";
      String message = bye.message() == null || bye.message().isBlank() ? "" : ": " + bye.message();
      return List.of(info(null, "the server ended the session" + reason + message));
    }
    return List.of();
  }

  /** The lines for something that happened to the connection; none for prompt changes. */
  public List<AttributedString> render(ClientEvent event) {
    if (event instanceof ClientEvent.Files shared) {
      return files.render(shared.event());
    }
    return events.render(event);
  }

  /** A transfer's progress, as a terminal shows it in place. */
  public String progress(FileEvent.Progress progress) {
    return FileLines.progress(progress);
  }

  /** The line for a session that ended because the client itself failed. */
  public AttributedString stoppedByAFailure() {
    return problem("the client stopped on an internal error; ~/.parley/client.log tells more");
  }

  /** A line that tells the user something the client itself noticed. */
  public AttributedString problem(String text) {
    return layout.problem(text);
  }

  /** A line of information, about a room when {@code room} is not null. */
  public AttributedString info(String room, String text) {
    return layout.info(room, text);
  }

  public List<AttributedString> help() {
    int width = SlashCommand.widestUsage();
    List<AttributedString> lines = new ArrayList<>();
    lines.add(new AttributedString("Commands:"));
    for (SlashCommand command : SlashCommand.values()) {
      lines.add(
          new AttributedStringBuilder()
              .append("  ")
              .styled(PLAIN.bold(), String.format("%-" + width + "s", command.usage()))
              .append("  " + command.summary())
              .toAttributedString());
    }
    lines.add(
        new AttributedString(
            "Plain text goes to the current room (shown in the prompt); //text sends text that"
                + " starts with /."));
    lines.add(
        new AttributedString(
            "Direct messages show as *bob*: text; those that waited while you were away are"
                + " marked (offline)."));
    lines.add(
        new AttributedString(
            "Private conversations (/private nick, then /accept on the other side) go client to"
                + " client, not through the server: each gets a window =nick where what you type"
                + " goes over the direct link, and files (/psend) arrive in"
                + " parley.client.private.downloads."));
    lines.add(
        new AttributedString(
            "Tab completes commands, room names and nicks; Up and Down walk the input history."));
    lines.add(
        new AttributedString(
            "On a terminal each room and direct conversation has a window (1 is the status"
                + " window): Alt+1..9 or /window n, Alt+Left/Right or Ctrl-P/Ctrl-N switch,"
                + " PageUp/PageDown scroll. The status bar lists windows with news by number,"
                + " n! for a line that names you or a direct message."));
    return lines;
  }

  /** The wait of a lockout, unless the server's message says it already. */
  private static String retry(ServerFrame.Error error) {
    Long seconds = error.retryAfterS();
    if (seconds == null
        || (error.message() != null
            && Pattern.compile("\\b" + seconds + "\\b").matcher(error.message()).find())) {
      return "";
    }
    return " (retry in " + seconds + " s)";
  }

  private List<AttributedString> message(ServerFrame.Message message, String ownNick) {
    boolean replay = Boolean.TRUE.equals(message.replay());
    boolean own =
        ownNick != null && ProtocolRules.canonical(ownNick).equals(canonical(message.from()));
    boolean mention = !own && ownNick != null && mentions(orEmpty(message.text()), ownNick);
    var head = layout.line(message.ts(), message.room());
    if (replay) {
      head.styled(DIM, "(history) ");
    }
    // a notice as irssi shows one: -nick- instead of <nick>
    boolean notice = Boolean.TRUE.equals(message.notice());
    head.append(notice ? "-" : "<")
        .styled(nickStyle(message.from(), ownNick), orEmpty(message.from()))
        .append(notice ? "- " : "> ");
    if (message.file() != null) {
      return List.of(files.announcement(head, message.file()).toAttributedString());
    }
    return withText(head, replay ? DIM : mention ? MENTION : PLAIN, message.text());
  }

  private List<AttributedString> memberLeft(ServerFrame.MemberLeft left, String ownNick) {
    var head =
        layout
            .line(left.ts(), left.room())
            .styled(DEPARTURE, "<--")
            .append(" ")
            .styled(nickStyle(left.nick(), ownNick), orEmpty(left.nick()));
    if (left.reason() == DepartureReason.KICKED && left.by() != null) {
      head.append(" was kicked by ").styled(nickStyle(left.by(), ownNick), left.by());
      return withReason(head, left.text());
    }
    // a reason from a newer server reaches this client only as UNKNOWN: its word is lost
    String how =
        left.reason() == null
                || left.reason() == DepartureReason.LEFT
                || left.reason() == DepartureReason.UNKNOWN
            ? " left"
            : " left (" + left.reason().wireName() + ")";
    return withReason(head.append(how), left.text());
  }

  private List<AttributedString> direct(ServerFrame.Direct direct, String ownNick) {
    boolean outgoing =
        direct.re() != null
            || (ownNick != null
                && ProtocolRules.canonical(ownNick).equals(canonical(direct.from())));
    var head = layout.line(direct.ts(), null);
    if (Boolean.TRUE.equals(direct.offline())) {
      head.styled(DIM, "(offline) ");
    }
    String mark = Boolean.TRUE.equals(direct.notice()) ? "-" : "*";
    head.styled(DIRECT, mark + direct.from() + mark);
    if (outgoing) {
      head.styled(DIRECT, " -> " + direct.to());
    }
    head.styled(DIRECT, ":").append(" ");
    if (direct.file() != null) {
      return List.of(files.announcement(head, direct.file()).toAttributedString());
    }
    String indent = " ".repeat(head.length());
    String[] textLines = orEmpty(direct.text()).split("\n", -1);
    List<AttributedString> lines = new ArrayList<>();
    for (int i = 0; i < textLines.length; i++) {
      var builder = i == 0 ? head : new AttributedStringBuilder().append(indent);
      builder.append(textLines[i]);
      if (i == textLines.length - 1 && Boolean.TRUE.equals(direct.stored())) {
        builder.styled(DIM, " (stored; delivered when " + direct.to() + " logs in)");
      }
      if (i == textLines.length - 1 && direct.away() != null) {
        builder.styled(DIM, " (" + direct.to() + " is away: " + direct.away() + ")");
      }
      lines.add(builder.toAttributedString());
    }
    return lines;
  }

  private List<AttributedString> welcome(ServerFrame.Welcome welcome) {
    String server = welcome.server() == null ? "the server" : welcome.server();
    List<AttributedString> lines = new ArrayList<>();
    lines.add(info(null, "connected to " + server + " as " + welcome.nick()));
    if (welcome.motd() != null && !welcome.motd().isBlank()) {
      for (String motdLine : welcome.motd().split("\n")) {
        lines.add(info(null, motdLine));
      }
    }
    return lines;
  }

  private List<AttributedString> roomList(ServerFrame.RoomList list) {
    List<AttributedString> lines = new ArrayList<>();
    lines.add(info(null, list.rooms().isEmpty() ? "no rooms" : count(list.rooms().size(), "room")));
    int width = 0;
    for (var room : list.rooms()) {
      width = Math.max(width, orEmpty(room.room()).length());
    }
    for (var room : list.rooms()) {
      String name = orEmpty(room.room());
      var builder =
          new AttributedStringBuilder()
              .append("   ")
              .styled(ROOM, "#" + name + " ".repeat(width - name.length()))
              .append("  " + count(room.members(), "member"));
      if (room.topic() != null && !room.topic().isBlank()) {
        lines.addAll(withText(builder.append("  "), TOPIC, room.topic()));
      } else {
        lines.add(builder.toAttributedString());
      }
    }
    return lines;
  }

  private List<AttributedString> users(ServerFrame.Users users, String ownNick) {
    long online = users.users().stream().filter(ServerFrame.UserPresence::online).count();
    List<AttributedString> lines = new ArrayList<>();
    lines.add(
        info(
            null,
            users.users().isEmpty()
                ? "nobody"
                : count(users.users().size(), "user") + ", " + online + " online"));
    int width = 0;
    for (var user : users.users()) {
      width = Math.max(width, orEmpty(user.nick()).length());
    }
    for (var user : users.users()) {
      var builder =
          new AttributedStringBuilder()
              .append("   ")
              .styled(nickStyle(user.nick(), ownNick), orEmpty(user.nick()))
              .append(" ".repeat(width - orEmpty(user.nick()).length() + 2));
      if (user.online() && user.away() != null) {
        builder.styled(ARRIVAL, "online").styled(DIM, ", away: " + user.away());
      } else if (user.online()) {
        builder.styled(ARRIVAL, "online");
      } else if (user.lastSeen() == null) {
        builder.styled(DIM, "seen a while ago");
      } else {
        builder.styled(
            DIM,
            "last seen "
                + layout.stamp(user.lastSeen())
                + " ("
                + layout.ago(user.lastSeen())
                + ")");
      }
      lines.add(builder.toAttributedString());
    }
    return lines;
  }

  /** Whether {@code text} names {@code nick} as a word of its own, in any letter case. */
  public static boolean mentions(String text, String nick) {
    return Lines.mentions(text, nick);
  }
}
