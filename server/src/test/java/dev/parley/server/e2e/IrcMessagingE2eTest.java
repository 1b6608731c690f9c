package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.irc.IrcMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * PRIVMSG and NOTICE between IRC users and the JSON door's: to channels and to nicks, with the
 * tags, echoes and text forms each client negotiated.
 */
@ExtendWith(LogCapturingExtension.class)
class IrcMessagingE2eTest {

  private static final String PASSWORD = "a password long enough";
  private static final Duration QUIET = Duration.ofMillis(300);

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  private static IrcTestClient registered(String prefix, String... caps) {
    return IrcTestClient.connect(server.ircAddress()).registerWithCaps(Names.nick(prefix), caps);
  }

  /** A JSON user in {@code channel}'s room, whose JOIN its IRC members have taken. */
  private static RawClient inRoom(String channel, String prefix, IrcTestClient... members) {
    String nick = Names.nick(prefix);
    var client = RawClient.login(server.address(), nick);
    client.sendFrame("join", "room", channel.substring(1));
    client.expect(ServerFrame.Joined.class);
    for (IrcTestClient member : members) {
      member.expect("JOIN", line -> from(line, nick));
    }
    return client;
  }

  private static boolean from(IrcMessage line, String nick) {
    return line.source() != null && line.source().startsWith(nick + "!");
  }

  @Test
  void sendsAPrivmsgToAChannelToItsIrcAndJsonMembers() {
    String channel = "#" + Names.room("say");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel);
        var carol = inRoom(channel, "carol", alice, bob)) {
      alice.send("PRIVMSG " + channel + " :hello all");

      var told = bob.expect("PRIVMSG", line -> from(line, alice.nick()));
      assertEquals(alice.nick() + "!" + alice.nick() + "@parley", told.source());
      assertEquals(List.of(channel, "hello all"), told.params());
      var message = carol.expect(ServerFrame.Message.class);
      assertEquals(alice.nick(), message.from());
      assertEquals("hello all", message.text());
    }
  }

  @Test
  void sendsANoticeToAChannelAsANoticeOfTheRoomToEveryDoorAndItsHistory() {
    String channel = "#" + Names.room("notice");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel);
        var carol = inRoom(channel, "carol", alice, bob)) {
      alice.send("NOTICE " + channel + " :heads up");

      var message = carol.expect(ServerFrame.Message.class);
      assertEquals(List.of("heads up", true), List.of(message.text(), message.notice()));
      assertTrue(carol.lastLine().contains("\"notice\":true"), carol.lastLine());
      var told = bob.expect("NOTICE", line -> from(line, alice.nick()));
      assertEquals(List.of(channel, "heads up"), told.params());
      carol.sendFrame("history", "id", "h", "room", channel.substring(1), "limit", 1);
      assertEquals(true, carol.expect(ServerFrame.Message.class).notice());
    }
  }

  @Test
  void sendsAJsonUsersNoticeToIrcMembersAsNoticeAndItsMessagesAsPrivmsg() {
    String channel = "#" + Names.room("jsonnotice");
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      carol.sendFrame("say", "room", channel.substring(1), "text", "bot says", "notice", true);
      carol.sendFrame("say", "room", channel.substring(1), "text", "person says", "notice", false);

      assertEquals(
          "bot says",
          alice.expect("NOTICE", line -> line.source().startsWith("carol_")).params().get(1));
      assertEquals(
          "person says",
          alice.expect("PRIVMSG", line -> line.source().startsWith("carol_")).params().get(1));
      carol.expect(ServerFrame.Message.class, m -> m.text().equals("bot says"), "echo");
      carol.expect(ServerFrame.Message.class, m -> m.text().equals("person says"), "echo");
      assertFalse(carol.lastLine().contains("\"notice\""), carol.lastLine());
    }
  }

  @Test
  void sendsANoticeToANickAsANotice() {
    String carol = Names.nick("carol");
    try (var alice = registered("alice");
        var bob = registered("bob");
        var json = RawClient.login(server.address(), carol)) {
      alice.send("NOTICE " + carol + " :fyi");
      alice.send("NOTICE " + bob.nick() + " :fyi too");

      var direct = json.expect(ServerFrame.Direct.class);
      assertEquals(List.of("fyi", true), List.of(direct.text(), direct.notice()));
      var told = bob.expect("NOTICE", line -> from(line, alice.nick()));
      assertEquals(List.of(bob.nick(), "fyi too"), told.params());
    }
  }

  @Test
  void sendsAJsonUsersSayToIrcMembersAsPrivmsg() {
    String channel = "#" + Names.room("json");
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      carol.sendFrame("say", "room", channel.substring(1), "text", "from the console");

      var told = alice.expect("PRIVMSG", line -> line.params().get(0).equals(channel));
      assertTrue(told.source().startsWith("carol_"), told.source());
      assertEquals("from the console", told.params().get(1));
    }
  }

  @Test
  void sendsDirectMessagesBothWaysBetweenIrcAndJsonUsers() {
    String carol = Names.nick("carol");
    try (var alice = registered("alice");
        var json = RawClient.login(server.address(), carol)) {
      alice.send("PRIVMSG " + carol + " :psst");
      var direct = json.expect(ServerFrame.Direct.class);
      assertEquals(alice.nick(), direct.from());
      assertEquals("psst", direct.text());

      json.sendFrame("dm", "to", alice.nick(), "text", "what?");
      var told = alice.expect("PRIVMSG", line -> from(line, carol));
      assertEquals(List.of(alice.nick(), "what?"), told.params());
    }
  }

  @Test
  void givesAnAccountLoggedInWithSaslTheMailSentWhileItWasOffline() {
    String account = IrcTestClient.account(server.address(), "mail", PASSWORD);
    try (var alice = registered("alice")) {
      alice.send("PRIVMSG " + account + " :while you were out");
      var stored = alice.expect("NOTICE", line -> line.params().get(1).contains(account));
      assertTrue(stored.params().get(1).contains("offline"), stored.toString());
    }
    try (var back = IrcTestClient.connect(server.ircAddress())) {
      back.send("CAP LS 302");
      back.requestCaps("server-time", "sasl");
      back.send("NICK " + account).send("USER u 0 * :Name");
      back.authenticate(account, PASSWORD);
      back.expect("903");
      back.send("CAP END");

      back.expect("001");
      var mail = back.expect("PRIVMSG");
      assertTrue(mail.source().startsWith("alice_"), mail.source());
      assertEquals(List.of(account, "while you were out"), mail.params());
      Instant.parse(mail.tags().get("time"));
    }
  }

  @Test
  void sendsDirectMessagesToAnAccountLoggedInWithSasl() {
    String account = IrcTestClient.account(server.address(), "acct", PASSWORD);
    try (var alice = IrcTestClient.connect(server.ircAddress()).loginWithSasl(account, PASSWORD);
        var bob = registered("bob")) {
      bob.send("PRIVMSG " + account + " :hi account");

      assertEquals("hi account", alice.expect("PRIVMSG").params().get(1));
    }
  }

  @Test
  void refusesAPrivmsgToANickNobodyHasWith401() {
    String nobody = Names.nick("nobody");
    try (var alice = registered("alice")) {
      alice.send("PRIVMSG " + nobody + " :anyone?");

      assertEquals(
          List.of(alice.nick(), nobody, "No such nick/channel"), alice.expect("401").params());
    }
  }

  @Test
  void refusesAPrivmsgToAChannelNotJoinedWith404() {
    String channel = "#" + Names.room("outside");
    try (var alice = registered("alice");
        var bob = registered("bob").join(channel)) {
      alice.send("PRIVMSG " + channel + " :let me in");

      assertEquals(channel, alice.expect("404").params().get(1));
      bob.expectNothingFor(QUIET);
    }
  }

  @Test
  void neverAnswersANoticeWithAnError() {
    try (var alice = registered("alice")) {
      alice.send("NOTICE " + Names.nick("nobody") + " :anyone?");
      alice.send("NOTICE #" + Names.room("outside") + " :let me in");
      alice.send("NOTICE");

      alice.expectNothingFor(QUIET);
    }
  }

  @Test
  void echoesOwnMessagesToAClientWithEchoMessage() {
    String channel = "#" + Names.room("echo");
    try (var alice = registered("alice", "echo-message").join(channel);
        var bob = registered("bob")) {
      alice.send("PRIVMSG " + channel + " :to the channel");
      var echo = alice.expect("PRIVMSG", line -> from(line, alice.nick()));
      assertEquals(List.of(channel, "to the channel"), echo.params());

      alice.send("PRIVMSG " + bob.nick() + " :to bob");
      var direct = alice.expect("PRIVMSG", line -> from(line, alice.nick()));
      assertEquals(List.of(bob.nick(), "to bob"), direct.params());
    }
  }

  @Test
  void echoesNothingToAClientWithoutEchoMessage() {
    String channel = "#" + Names.room("noecho");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      alice.expect("JOIN", line -> from(line, bob.nick()));
      alice.send("PRIVMSG " + channel + " :to the channel");
      alice.send("PRIVMSG " + bob.nick() + " :to bob");

      bob.expect("PRIVMSG", line -> line.params().get(0).equals(bob.nick()));
      alice.expectNothingFor(QUIET);
    }
  }

  @Test
  void tagsMessagesWithTimeAndMsgidOnlyForClientsThatNegotiatedThem() {
    String channel = "#" + Names.room("tags");
    try (var plain = registered("plain").join(channel);
        var timed = registered("timed", "server-time").join(channel);
        var tagged = registered("tagged", "message-tags", "server-time").join(channel);
        var carol = inRoom(channel, "carol", plain, timed, tagged)) {
      carol.sendFrame("say", "id", 1, "room", channel.substring(1), "text", "tagged?");
      long seq = carol.expect(ServerFrame.Message.class).seq();

      assertEquals(Map.of(), plain.expect("PRIVMSG").tags());
      var time = timed.expect("PRIVMSG").tags();
      assertEquals(List.of("time"), List.copyOf(time.keySet()));
      Instant.parse(time.get("time"));
      var tags = tagged.expect("PRIVMSG").tags();
      assertEquals(channel.substring(1) + ":" + seq, tags.get("msgid"));
      Instant.parse(tags.get("time"));
    }
  }

  @Test
  void sendsATextOfSeveralLinesAsOnePrivmsgEach() {
    String channel = "#" + Names.room("lines");
    try (var alice = registered("alice", "message-tags").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      carol.sendFrame("say", "room", channel.substring(1), "text", "first\nsecond\n\nthird");

      var lines = new ArrayList<IrcMessage>();
      for (int i = 0; i < 3; i++) {
        lines.add(alice.expect("PRIVMSG", line -> line.params().get(0).equals(channel)));
      }
      assertEquals(
          List.of("first", "second", "third"),
          lines.stream().map(line -> line.params().get(1)).toList());
      var msgids = new HashSet<String>();
      lines.forEach(line -> msgids.add(line.tags().get("msgid")));
      assertEquals(3, msgids.size(), "each line its own msgid: " + lines);
    }
  }

  @Test
  void splitsALongTextIntoLinesWithin512BytesAtSpaces() {
    String channel = "#" + Names.room("long");
    String text = "naïve café crème brûlée ".repeat(60).strip();
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      carol.sendFrame("say", "room", channel.substring(1), "text", text);

      var pieces = new ArrayList<String>();
      while (String.join(" ", pieces).length() < text.length()) {
        var line = alice.expect("PRIVMSG", l -> l.params().get(0).equals(channel));
        int bytes = alice.lastLine().getBytes(UTF_8).length + 2;
        assertTrue(bytes <= 512, bytes + " bytes: " + alice.lastLine());
        pieces.add(line.params().get(1));
      }
      assertTrue(pieces.size() > 1, pieces.toString());
      assertEquals(text, String.join(" ", pieces));
    }
  }

  @Test
  void takesIrcFormattingCodesOutOfTexts() {
    String channel = "#" + Names.room("format");
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      alice.send(
          "PRIVMSG "
              + channel
              + " :\u0002bold\u0002 \u000304,01red\u0003 \u001ditalic\u001d \u001funder\u000f");

      assertEquals("bold red italic under", carol.expect(ServerFrame.Message.class).text());
    }
  }

  @Test
  void turnsCtcpActionsIntoMeTextsAndBack() {
    String channel = "#" + Names.room("action");
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      alice.send("PRIVMSG " + channel + " :\u0001ACTION waves\u0001");
      assertEquals("/me waves", carol.expect(ServerFrame.Message.class).text());

      carol.sendFrame("say", "room", channel.substring(1), "text", "/me dances");
      var action = alice.expect("PRIVMSG", line -> line.source().startsWith("carol_"));
      assertEquals("\u0001ACTION dances\u0001", action.params().get(1));
    }
  }

  @Test
  void dropsCtcpRequestsThatParleyHasNoFormFor() {
    String channel = "#" + Names.room("ctcp");
    try (var alice = registered("alice").join(channel);
        var carol = inRoom(channel, "carol", alice)) {
      alice.send("PRIVMSG " + channel + " :\u0001VERSION\u0001");

      carol.expectNothingFor(QUIET);
      alice.expectNothingFor(QUIET);
    }
  }
}
