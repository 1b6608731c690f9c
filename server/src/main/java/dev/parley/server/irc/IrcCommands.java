package dev.parley.server.irc;

import dev.parley.protocol.ClientFrame;
import dev.parley.server.session.Inbound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * What a registered IRC client's commands ask of its session, as frames; what the dialect can
 * answer itself (MODE, unknown commands) it answers at once, in turn with the others.
 */
final class IrcCommands {

  private final IrcServer server;
  private final IrcClient client;
  private final IrcRegistration registration;
  private final int maxHistoryPage;
  private long lastBatch;

  IrcCommands(
      IrcServer server, IrcClient client, IrcRegistration registration, int maxHistoryPage) {
    this.server = server;
    this.client = client;
    this.registration = registration;
    this.maxHistoryPage = maxHistoryPage;
  }

  List<Inbound> read(IrcMessage message) {
    var params = message.params();
    String command = message.command();
    return switch (command) {
      case "JOIN" -> params.isEmpty() ? needMoreParams(command) : join(params.get(0));
      case "PART" -> params.isEmpty() ? needMoreParams(command) : part(params.get(0));
      case "PRIVMSG", "NOTICE" -> send(command, params);
      case "TOPIC" -> params.isEmpty() ? needMoreParams(command) : topic(params);
      case "NAMES" -> names(params);
      case "LIST" ->
          List.of(
              client.ask(
                  new IrcRequest.ListChannels(false),
                  id -> new ClientFrame.Rooms(id, null, maxHistoryPage)));
      case "WHO" -> params.isEmpty() ? needMoreParams(command) : who(params.get(0));
      case "WHOIS" ->
          params.isEmpty()
              ? needMoreParams(command)
              : online(IrcRequest.Query.WHOIS, List.of(params.get(params.size() - 1)));
      case "ISON" ->
          params.isEmpty()
              ? needMoreParams(command)
              : online(
                  IrcRequest.Query.ISON,
                  params.stream().flatMap(nicks -> Arrays.stream(nicks.split(" +"))).toList());
      case "MODE" -> params.isEmpty() ? needMoreParams(command) : mode(params);
      case "AWAY" -> away(params);
      case "QUIT" ->
          List.of(
              client.ask(
                  new IrcRequest.Quit(),
                  id ->
                      new ClientFrame.Quit(
                          id, params.isEmpty() ? null : IrcText.withoutFormatting(params.get(0)))));
      case "NICK" -> nick(params);
      case "USER", "PASS" ->
          answer(lines().numeric(server, "462", client.nick(), "You may not reregister"));
      case "AUTHENTICATE" ->
          answer(lines().numeric(server, "907", client.nick(), "You have already authenticated"));
      case "KICK" -> params.size() < 2 ? needMoreParams(command) : kick(params);
      case "CHATHISTORY" -> chatHistory(params);
      case "MOTD" -> {
        var lines = lines();
        registration.motd(lines, client.nick(), registration.motdText());
        yield answer(lines);
      }
      case "VERSION" ->
          answer(
              lines()
                  .numeric(
                      server, "351", client.nick(), server.version(), server.name(), "Parley"));
      default -> answer(lines().numeric(server, "421", client.nick(), command, "Unknown command"));
    };
  }

  private List<Inbound> join(String channels) {
    if (channels.equals("0")) {
      // JOIN 0 leaves every channel, as RFC 2812 has it; Parley knows them only as they come
      return answer(lines().numeric(server, "403", client.nick(), "0", "Leave channels with PART"));
    }
    var frames = new ArrayList<Inbound>();
    for (String channel : channels.split(",")) {
      if (channel.isEmpty()) {
        continue;
      }
      String room = room(channel);
      if (room == null) {
        frames.add(
            new Inbound.Answered(
                lines()
                    .numeric(server, "476", client.nick(), channel, "Bad channel mask")
                    .result()));
      } else if (!client.isIn(room)) {
        frames.add(
            client.ask(
                new IrcRequest.Join(channel, false), id -> new ClientFrame.Join(id, room, null)));
      }
    }
    return frames;
  }

  private List<Inbound> part(String channels) {
    var frames = new ArrayList<Inbound>();
    for (String channel : channels.split(",")) {
      String room = room(channel);
      if (room == null || !client.isIn(room)) {
        frames.add(
            new Inbound.Answered(
                lines()
                    .numeric(server, "442", client.nick(), channel, "You're not on that channel")
                    .result()));
      } else {
        frames.add(client.ask(new IrcRequest.Part(channel), id -> new ClientFrame.Leave(id, room)));
      }
    }
    return frames;
  }

  /** {@code KICK #channel nick[,nick...] [:reason]}: one kick of the room per nick. */
  private List<Inbound> kick(List<String> params) {
    String channel = params.get(0);
    String room = room(channel);
    if (room == null) {
      return answer(lines().numeric(server, "403", client.nick(), channel, "No such channel"));
    }
    if (!client.isIn(room)) {
      return answer(
          lines().numeric(server, "442", client.nick(), channel, "You're not on that channel"));
    }
    String given = params.size() > 2 ? IrcText.withoutFormatting(params.get(2)) : "";
    String reason = given.isBlank() ? null : given;
    var frames = new ArrayList<Inbound>();
    for (String nick : params.get(1).split(",")) {
      if (!nick.isEmpty()) {
        frames.add(
            client.ask(
                new IrcRequest.Kick(channel, nick),
                id -> new ClientFrame.Kick(id, room, nick, reason)));
      }
    }
    return frames;
  }

  private List<Inbound> send(String command, List<String> params) {
    boolean notice = command.equals("NOTICE");
    if (params.isEmpty() || params.get(0).isEmpty()) {
      return notice
          ? List.of()
          : answer(
              lines()
                  .numeric(server, "411", client.nick(), "No recipient given (" + command + ")"));
    }
    String target = params.get(0);
    if (params.size() < 2 || params.get(1).isEmpty()) {
      return notice
          ? List.of()
          : answer(lines().numeric(server, "412", client.nick(), "No text to send"));
    }
    if (target.contains(",")) {
      return notice
          ? List.of()
          : answer(
              lines()
                  .numeric(
                      server, "407", client.nick(), target, "Too many recipients: one at a time"));
    }
    String raw = params.get(1);
    String text;
    if (IrcText.isCtcp(raw)) {
      // a CTCP request (VERSION, PING...) has no Parley form; a reply to one (NOTICE) neither
      text = notice ? null : IrcText.fromCtcp(raw);
      if (text == null) {
        return List.of();
      }
    } else {
      text = IrcText.withoutFormatting(raw);
    }
    var request = new IrcRequest.Send(target, notice);
    Boolean asNotice = notice ? Boolean.TRUE : null;
    if (target.startsWith(IrcServer.CHANNEL_PREFIX)) {
      String room = target.substring(1);
      return List.of(client.ask(request, id -> new ClientFrame.Say(id, room, text, asNotice)));
    }
    return List.of(client.ask(request, id -> new ClientFrame.Dm(id, target, text, asNotice)));
  }

  private List<Inbound> topic(List<String> params) {
    String channel = params.get(0);
    String room = room(channel);
    if (room == null || !client.isIn(room)) {
      return answer(
          lines().numeric(server, "442", client.nick(), channel, "You're not on that channel"));
    }
    if (params.size() < 2) {
      // joining a room one is in again answers its topic and changes nothing
      return List.of(
          client.ask(
              new IrcRequest.TopicQuery(channel), id -> new ClientFrame.Join(id, room, null)));
    }
    String topic = IrcText.withoutFormatting(params.get(1));
    return List.of(
        client.ask(new IrcRequest.SetTopic(channel), id -> new ClientFrame.Topic(id, room, topic)));
  }

  private List<Inbound> names(List<String> params) {
    if (params.isEmpty()) {
      return answer(lines().numeric(server, "366", client.nick(), "*", "End of /NAMES list"));
    }
    String channel = params.get(0).split(",")[0];
    String room = room(channel);
    if (room == null) {
      return answer(lines().numeric(server, "366", client.nick(), channel, "End of /NAMES list"));
    }
    return List.of(client.ask(new IrcRequest.Names(channel), id -> new ClientFrame.Who(id, room)));
  }

  private List<Inbound> who(String mask) {
    if (mask.startsWith(IrcServer.CHANNEL_PREFIX)) {
      String room = room(mask);
      if (room == null) {
        return answer(lines().numeric(server, "315", client.nick(), mask, "End of WHO list"));
      }
      return List.of(
          client.ask(new IrcRequest.WhoChannel(mask), id -> new ClientFrame.Who(id, room)));
    }
    if (mask.contains("*") || mask.contains("?") || mask.equals("0")) {
      // users are invisible (+i): no mask lists them
      return answer(lines().numeric(server, "315", client.nick(), mask, "End of WHO list"));
    }
    return online(IrcRequest.Query.WHO, List.of(mask));
  }

  private List<Inbound> online(IrcRequest.Query query, List<String> nicks) {
    String mask = String.join(" ", nicks);
    return List.of(
        client.ask(
            new IrcRequest.Online(query, nicks, mask), id -> new ClientFrame.Users(id, null)));
  }

  private List<Inbound> mode(List<String> params) {
    String target = params.get(0);
    var lines = lines();
    String me = client.nick();
    if (target.startsWith(IrcServer.CHANNEL_PREFIX)) {
      String room = room(target);
      if (room == null || !client.isIn(room)) {
        return answer(lines.numeric(server, "442", me, target, "You're not on that channel"));
      }
      String modes = params.size() > 1 ? params.get(1) : "";
      String flags = modes.replace("+", "");
      if (modes.isEmpty()) {
        lines.numeric(server, "324", me, target, "+n");
      } else if (params.size() == 2 && flags.equals("b")) {
        lines.numeric(server, "368", me, target, "End of channel ban list");
      } else if (params.size() == 2 && flags.equals("e")) {
        lines.numeric(server, "349", me, target, "End of channel exception list");
      } else if (params.size() == 2 && flags.equals("I")) {
        lines.numeric(server, "347", me, target, "End of channel invite list");
      } else {
        lines.numeric(
            server, "482", me, target, "You're not channel operator: Parley sets no channel modes");
      }
      return answer(lines);
    }
    if (!target.equalsIgnoreCase(me)) {
      return answer(lines.numeric(server, "502", me, "Can't change mode for other users"));
    }
    String modes = params.size() > 1 ? params.get(1) : "";
    if (modes.isEmpty() || modes.equals("+i")) {
      // every Parley user is invisible: no WHO mask lists them
      return answer(lines.numeric(server, "221", me, "+i"));
    }
    return answer(lines.numeric(server, "501", me, "Unknown MODE flag: Parley users have +i only"));
  }

  private List<Inbound> away(List<String> params) {
    String text = params.isEmpty() ? "" : IrcText.withoutFormatting(params.get(0));
    // a blank message is no reason: back
    String message = text.isBlank() ? null : text;
    return List.of(
        client.ask(new IrcRequest.Away(message), id -> new ClientFrame.Away(id, message)));
  }

  private List<Inbound> nick(List<String> params) {
    if (params.isEmpty() || params.get(0).equals(client.nick())) {
      return List.of();
    }
    return answer(
        lines()
            .numeric(
                server,
                "447",
                client.nick(),
                "A Parley session keeps its nick: reconnect as " + params.get(0)));
  }

  /**
   * {@code CHATHISTORY LATEST #room * N}, {@code BEFORE|AFTER #room msgid=room:seq N} (or {@code
   * room:seq.2}, a later line of that message): the room's history, as a batch.
   */
  private List<Inbound> chatHistory(List<String> params) {
    if (params.size() < 4) {
      return needMoreParams("CHATHISTORY");
    }
    String subcommand = params.get(0).toUpperCase(Locale.ROOT);
    String channel = params.get(1);
    String room = room(channel);
    if (room == null || !client.isIn(room)) {
      return fail("INVALID_TARGET", channel, "You're not on that channel");
    }
    int limit;
    try {
      limit = Math.min(Math.max(Integer.parseInt(params.get(3)), 1), maxHistoryPage);
    } catch (NumberFormatException e) {
      return fail("INVALID_PARAMS", params.get(3), "The limit is a number");
    }
    Long seq = null;
    if (!subcommand.equals("LATEST") || !params.get(2).equals("*")) {
      seq = seqOf(params.get(2), room);
      if (seq == null) {
        return fail("INVALID_MSGREFTYPE", params.get(2), "Only msgid references of this room");
      }
    }
    Long before = subcommand.equals("BEFORE") ? seq : null;
    Long after = subcommand.equals("AFTER") || subcommand.equals("LATEST") ? seq : null;
    if (!List.of("LATEST", "BEFORE", "AFTER").contains(subcommand)) {
      return fail("INVALID_PARAMS", subcommand, "LATEST, BEFORE and AFTER are supported");
    }
    String batch = "h" + ++lastBatch;
    return List.of(
        client.ask(
            new IrcRequest.ChatHistory(channel, batch),
            id -> new ClientFrame.History(id, room, before, after, limit)));
  }

  private static Long seqOf(String reference, String room) {
    String prefix = "msgid=" + room + ":";
    if (!reference.regionMatches(true, 0, prefix, 0, prefix.length())) {
      return null;
    }
    String seq = reference.substring(prefix.length());
    // room:seq.2 is the second line of the message seq
    int line = seq.indexOf('.');
    try {
      return Long.parseLong(line < 0 ? seq : seq.substring(0, line));
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private List<Inbound> fail(String code, String context, String description) {
    return answer(
        lines()
            .add(IrcMessage.of(server.name(), "FAIL", "CHATHISTORY", code, context, description)));
  }

  /** The room of an IRC channel name, or null when it is none. */
  static String room(String channel) {
    if (!channel.startsWith(IrcServer.CHANNEL_PREFIX) || channel.length() < 2) {
      return null;
    }
    return channel.substring(1);
  }

  private List<Inbound> needMoreParams(String command) {
    return answer(lines().numeric(server, "461", client.nick(), command, "Not enough parameters"));
  }

  private static IrcLines lines() {
    return new IrcLines();
  }

  private static List<Inbound> answer(IrcLines lines) {
    return List.of(new Inbound.Answered(lines.result()));
  }
}
