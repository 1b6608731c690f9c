package dev.parley.server.irc;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.WireFormat;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The frames a session sends its IRC client alone, as IRC lines: the answers to its commands (as
 * numerics chosen by what each command asked), direct messages, the history of a room it joins (as
 * a {@code chathistory} batch, for a client that takes batches), notices and the goodbye.
 */
final class IrcAnswers {

  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final IrcServer server;
  private final IrcClient client;
  private final IrcEvents events;
  private final IrcRegistration registration;
  // the history of the room just joined, still to come: its messages, and its batch if any
  private String replayRoom;
  private int replayLeft;
  private String replayBatch;
  private long lastBatch;
  // the batch of the CHATHISTORY being answered, once it started
  private String historyStarted;

  IrcAnswers(IrcServer server, IrcClient client, IrcEvents events, IrcRegistration registration) {
    this.server = server;
    this.client = client;
    this.events = events;
    this.registration = registration;
  }

  IrcLines encode(ServerFrame frame) {
    var lines = new IrcLines();
    String me = client.nick();
    if (frame instanceof ServerFrame.Welcome welcome) {
      return lines.add(registration.welcomed(welcome, client.answered(welcome.re())));
    } else if (frame instanceof ServerFrame.Joined joined) {
      joined(joined, lines);
    } else if (frame instanceof ServerFrame.Message message) {
      message(message, lines);
    } else if (frame instanceof ServerFrame.Direct direct) {
      direct(direct, lines);
    } else if (frame instanceof ServerFrame.Topic topic) {
      client.answered(topic.re());
      events.lines(topic, client.caps.format()).forEach(lines::add);
    } else if (frame instanceof ServerFrame.Left left) {
      client.answered(left.re());
      client.left(left.room());
      lines.add(IrcMessage.of(server.prefix(me), "PART", IrcEvents.channel(left.room())));
    } else if (frame instanceof ServerFrame.Kicked kicked) {
      client.left(kicked.room());
      lines.add(
          events.kick(
              client.caps.format(), kicked.ts(), kicked.room(), kicked.by(), me, kicked.text()));
    } else if (frame instanceof ServerFrame.Members members) {
      members(members, lines);
    } else if (frame instanceof ServerFrame.Users users) {
      users(users, lines);
    } else if (frame instanceof ServerFrame.RoomList list) {
      boolean continued =
          client.answered(list.re()) instanceof IrcRequest.ListChannels asked && asked.continued();
      if (!continued) {
        lines.numeric(server, "321", me, "Channel", "Users  Name");
      }
      for (ServerFrame.RoomSummary room : list.rooms()) {
        lines.numeric(
            server,
            "322",
            me,
            IrcEvents.channel(room.room()),
            String.valueOf(room.members()),
            room.topic() == null ? "" : room.topic());
      }
      if (list.next() != null) {
        // the rest of the rooms, before anything else the client asked
        client.followUp(
            new IrcRequest.ListChannels(true), id -> new ClientFrame.Rooms(id, list.next(), null));
      } else {
        lines.numeric(server, "323", me, "End of /LIST");
      }
    } else if (frame instanceof ServerFrame.HistoryEnd end) {
      if (client.answered(end.re()) instanceof IrcRequest.ChatHistory history
          && client.caps.batches()) {
        startHistory(history, lines);
        lines.add(IrcMessage.of(server.name(), "BATCH", "-" + history.batch()));
      }
      historyStarted = null;
    } else if (frame instanceof ServerFrame.Error error) {
      error(error, lines);
    } else if (frame instanceof ServerFrame.Notice notice) {
      lines.add(IrcMessage.of(server.name(), "NOTICE", me, notice.text()));
    } else if (frame instanceof ServerFrame.Gap gap) {
      lines.add(
          IrcMessage.of(
              server.name(),
              "NOTICE",
              IrcEvents.channel(gap.room()),
              "You read too slowly: messages "
                  + gap.fromSeq()
                  + " to "
                  + gap.toSeq()
                  + " of this channel were left out (CHATHISTORY has them)"));
    } else if (frame instanceof ServerFrame.Bye bye) {
      client.answered(bye.re());
      lines.add(
          IrcMessage.of(
              null,
              "ERROR",
              "Closing link: "
                  + me
                  + " ("
                  + IrcEvents.quitMessage(bye.reason())
                  + ": "
                  + bye.message()
                  + ")"));
    } else if (frame instanceof ServerFrame.Ok ok) {
      if (client.answered(ok.re()) instanceof IrcRequest.Away away) {
        lines.numeric(
            server,
            away.message() == null ? "305" : "306",
            me,
            away.message() == null
                ? "You are no longer marked as being away"
                : "You have been marked as being away");
      }
    } else if (frame instanceof ServerFrame.Pong pong) {
      client.answered(pong.re());
    } else if (frame instanceof ServerFrame.PrivateOffer offer) {
      // IRC has no way to answer: the offer times out, and the asker is told so
      lines.add(
          IrcMessage.of(
              server.name(),
              "NOTICE",
              me,
              offer.from() + " asks to talk privately; only Parley's console client can"));
    }
    return lines;
  }

  private void joined(ServerFrame.Joined joined, IrcLines lines) {
    String me = client.nick();
    String channel = IrcEvents.channel(joined.room());
    IrcRequest request = client.answered(joined.re());
    if (request instanceof IrcRequest.TopicQuery) {
      topicReply(joined, lines);
      return;
    }
    if (!client.joined(joined.room())) {
      // joined again: nothing changes
      return;
    }
    lines.add(IrcEvents.line(client.caps.format(), null, null, server.prefix(me), "JOIN", channel));
    if (joined.topic() != null) {
      topicReply(joined, lines);
    }
    var names = joined.members();
    for (int from = 0; from < Math.max(names.size(), 1); from += IrcServer.NAMES_PER_REPLY) {
      var page = names.subList(from, Math.min(names.size(), from + IrcServer.NAMES_PER_REPLY));
      lines.numeric(server, "353", me, "=", channel, String.join(" ", page));
    }
    lines.numeric(server, "366", me, channel, "End of /NAMES list");
    if (joined.replay() > 0) {
      replayRoom = joined.room();
      replayLeft = joined.replay();
      replayBatch = client.caps.batches() ? "r" + ++lastBatch : null;
      if (replayBatch != null) {
        lines.add(IrcMessage.of(server.name(), "BATCH", "+" + replayBatch, "chathistory", channel));
      }
    }
  }

  private void topicReply(ServerFrame.Joined joined, IrcLines lines) {
    String channel = IrcEvents.channel(joined.room());
    if (joined.topic() == null) {
      lines.numeric(server, "331", client.nick(), channel, "No topic is set");
    } else {
      lines.numeric(server, "332", client.nick(), channel, joined.topic());
    }
  }

  private void message(ServerFrame.Message message, IrcLines lines) {
    String batch = null;
    boolean replayed = Boolean.TRUE.equals(message.replay());
    // a page of history answers its request with all its messages, and ends with history_end
    IrcRequest request = replayed ? client.asked(message.re()) : client.answered(message.re());
    IrcRequest.ChatHistory history = request instanceof IrcRequest.ChatHistory asked ? asked : null;
    if (history != null && client.caps.batches()) {
      startHistory(history, lines);
      batch = history.batch();
    } else if (history == null
        && replayed
        && replayLeft > 0
        && message.room().equalsIgnoreCase(replayRoom)) {
      batch = replayBatch;
      replayLeft--;
    }
    WireFormat format = client.caps.format();
    for (IrcMessage line : events.lines(message, format)) {
      if (batch != null) {
        line = line.withTag("batch", batch);
      }
      if (replayed && format == WireFormat.IRC) {
        // a client that cannot read times is told when each message of the history was sent
        String text = line.params().get(1);
        String clock = "[" + CLOCK.format(message.ts()) + "] ";
        String stamped =
            IrcText.isCtcp(text)
                ? text.replaceFirst("^\u0001ACTION ?", "\u0001ACTION " + clock)
                : clock + text;
        line =
            new IrcMessage(
                line.tags(), line.source(), line.command(), List.of(line.params().get(0), stamped));
      }
      lines.add(line);
    }
    if (batch != null && batch.equals(replayBatch) && replayLeft == 0) {
      lines.add(IrcMessage.of(server.name(), "BATCH", "-" + replayBatch));
      replayBatch = null;
    }
  }

  private void startHistory(IrcRequest.ChatHistory history, IrcLines lines) {
    if (!history.batch().equals(historyStarted)) {
      historyStarted = history.batch();
      lines.add(
          IrcMessage.of(
              server.name(), "BATCH", "+" + history.batch(), "chathistory", history.channel()));
    }
  }

  private void direct(ServerFrame.Direct direct, IrcLines lines) {
    String me = client.nick();
    WireFormat format = client.caps.format();
    if (direct.re() != null) {
      // the echo of one's own direct message
      boolean notice =
          client.answered(direct.re()) instanceof IrcRequest.Send send && send.notice();
      // a NOTICE is never answered (RFC 2812, 3.3.2)
      if (direct.away() != null && !notice) {
        lines.numeric(server, "301", me, direct.to(), direct.away());
      }
      if (client.caps.has(IrcCapabilities.ECHO_MESSAGE)) {
        send(format, direct, server.prefix(me), direct.to(), lines);
      }
      if (Boolean.TRUE.equals(direct.stored())) {
        lines.add(
            IrcMessage.of(
                server.name(),
                "NOTICE",
                me,
                direct.to() + " is offline: your message waits for them to log in"));
      }
      return;
    }
    send(format, direct, server.prefix(direct.from()), me, lines);
  }

  private static void send(
      WireFormat format, ServerFrame.Direct direct, String source, String target, IrcLines lines) {
    String command = IrcEvents.command(direct.notice());
    for (String text :
        IrcText.toIrc(direct.text(), IrcEvents.textBudget(source, command, target))) {
      lines.add(IrcEvents.line(format, direct.ts(), null, source, command, target, text));
    }
  }

  private void members(ServerFrame.Members members, IrcLines lines) {
    String me = client.nick();
    IrcRequest request = client.answered(members.re());
    String channel = IrcEvents.channel(members.room());
    if (request instanceof IrcRequest.WhoChannel) {
      var away = members.away() == null ? List.<String>of() : members.away();
      for (String nick : members.members()) {
        whoReply(channel, nick, away.contains(nick), lines);
      }
      lines.numeric(server, "315", me, channel, "End of WHO list");
      return;
    }
    var names = members.members();
    for (int from = 0; from < names.size(); from += IrcServer.NAMES_PER_REPLY) {
      var page = names.subList(from, Math.min(names.size(), from + IrcServer.NAMES_PER_REPLY));
      lines.numeric(server, "353", me, "=", channel, String.join(" ", page));
    }
    lines.numeric(server, "366", me, channel, "End of /NAMES list");
  }

  private void whoReply(String channel, String nick, boolean away, IrcLines lines) {
    lines.numeric(
        server,
        "352",
        client.nick(),
        channel,
        nick,
        server.userHost(),
        server.name(),
        nick,
        away ? "G" : "H",
        "0 " + nick);
  }

  private void users(ServerFrame.Users users, IrcLines lines) {
    String me = client.nick();
    if (!(client.answered(users.re()) instanceof IrcRequest.Online online)) {
      return;
    }
    List<ServerFrame.UserPresence> found = new ArrayList<>();
    for (String nick : online.nicks()) {
      users.users().stream()
          .filter(user -> user.online() && user.nick().equalsIgnoreCase(nick))
          .findFirst()
          .ifPresent(found::add);
    }
    switch (online.query()) {
      case ISON ->
          lines.numeric(
              server,
              "303",
              me,
              String.join(" ", found.stream().map(ServerFrame.UserPresence::nick).toList()));
      case WHO -> {
        found.forEach(user -> whoReply("*", user.nick(), user.away() != null, lines));
        lines.numeric(server, "315", me, online.mask(), "End of WHO list");
      }
      case WHOIS -> {
        String nick = online.nicks().get(0);
        if (found.isEmpty()) {
          lines.numeric(server, "401", me, nick, "No such nick/channel");
        } else {
          String who = found.get(0).nick();
          lines.numeric(server, "311", me, who, who, server.userHost(), "*", who);
          lines.numeric(server, "312", me, who, server.name(), "Parley " + server.version());
          if (found.get(0).away() != null) {
            lines.numeric(server, "301", me, who, found.get(0).away());
          }
        }
        lines.numeric(server, "318", me, nick, "End of /WHOIS list");
      }
    }
  }

  private void error(ServerFrame.Error error, IrcLines lines) {
    IrcRequest request = client.answered(error.re());
    String me = client.nick();
    ErrorCode code = error.code();
    if (request instanceof IrcRequest.Register || request instanceof IrcRequest.SaslLogin) {
      lines.add(registration.refused(error, request));
    } else if (request instanceof IrcRequest.Join join) {
      String room = IrcCommands.room(join.channel());
      if (code == ErrorCode.NO_SUCH_ROOM && !join.creating()) {
        // an IRC JOIN makes the channel it does not find
        client.followUp(
            new IrcRequest.Join(join.channel(), true),
            id -> new ClientFrame.Create(id, room, null));
      } else if (code == ErrorCode.ROOM_EXISTS) {
        // made meanwhile by someone else: joined as it is
        client.followUp(
            new IrcRequest.Join(join.channel(), true), id -> new ClientFrame.Join(id, room, null));
      } else if (code == ErrorCode.ROOM_INVALID) {
        lines.numeric(
            server, "479", me, join.channel(), "Illegal channel name: " + error.message());
      } else {
        lines.numeric(server, "403", me, join.channel(), error.message());
      }
    } else if (request instanceof IrcRequest.Part part) {
      lines.numeric(server, "442", me, part.channel(), "You're not on that channel");
    } else if (request instanceof IrcRequest.TopicQuery query) {
      lines.numeric(server, "442", me, query.channel(), "You're not on that channel");
    } else if (request instanceof IrcRequest.SetTopic topic && code == ErrorCode.NOT_IN_ROOM) {
      lines.numeric(server, "442", me, topic.channel(), "You're not on that channel");
    } else if (request instanceof IrcRequest.Kick kick) {
      kickRefused(kick, code, error.message(), lines);
    } else if (request instanceof IrcRequest.Send send) {
      sendRefused(send, error, lines);
    } else if (request instanceof IrcRequest.Names names) {
      lines.numeric(server, "366", me, names.channel(), "End of /NAMES list");
    } else if (request instanceof IrcRequest.WhoChannel who) {
      lines.numeric(server, "315", me, who.channel(), "End of WHO list");
    } else if (request instanceof IrcRequest.ChatHistory asked) {
      lines.add(
          IrcMessage.of(
              server.name(),
              "FAIL",
              "CHATHISTORY",
              "MESSAGE_ERROR",
              asked.channel(),
              error.message()));
    } else {
      lines.add(IrcMessage.of(server.name(), "NOTICE", me, error.message()));
    }
  }

  private void kickRefused(IrcRequest.Kick kick, ErrorCode code, String why, IrcLines lines) {
    String me = client.nick();
    switch (code) {
      case NOT_IN_ROOM ->
          lines.numeric(server, "442", me, kick.channel(), "You're not on that channel");
      case NOT_OPERATOR ->
          lines.numeric(server, "482", me, kick.channel(), "You're not channel operator");
      case NO_SUCH_USER ->
          lines.numeric(
              server, "441", me, kick.nick(), kick.channel(), "They aren't on that channel");
      default -> lines.add(IrcMessage.of(server.name(), "NOTICE", me, why));
    }
  }

  private void sendRefused(IrcRequest.Send send, ServerFrame.Error error, IrcLines lines) {
    if (send.notice()) {
      // a NOTICE is never answered, not even with an error (RFC 2812, 3.3.2)
      return;
    }
    String me = client.nick();
    if (send.target().startsWith(IrcServer.CHANNEL_PREFIX)) {
      lines.numeric(
          server,
          "404",
          me,
          send.target(),
          error.code() == ErrorCode.NOT_IN_ROOM
              ? "Cannot send to channel: you are not on it"
              : "Cannot send to channel: " + error.message());
    } else if (error.code() == ErrorCode.NO_SUCH_USER) {
      lines.numeric(server, "401", me, send.target(), "No such nick/channel");
    } else {
      lines.add(IrcMessage.of(server.name(), "NOTICE", me, error.message()));
    }
  }
}
