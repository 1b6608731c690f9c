package dev.parley.client.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.connection.ClientEvent;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class FrameRendererTest {

  private static final Instant NOW = Instant.parse("2026-11-22T14:05:00Z");
  private static final Instant TS = Instant.parse("2026-11-22T14:03:22.123Z");

  private final FrameRenderer renderer =
      new FrameRenderer(Clock.fixed(NOW, ZoneId.of("UTC")), "HH:mm:ss");

  private List<String> plain(ServerFrame frame) {
    return renderer.render(frame, "alice").stream().map(AttributedString::toString).toList();
  }

  private List<String> plain(ClientEvent event) {
    return renderer.render(event).stream().map(AttributedString::toString).toList();
  }

  private static ServerFrame.Message message(String from, String text, Boolean replay) {
    return new ServerFrame.Message(null, "lobby", 7, from, text, TS, replay);
  }

  @Test
  void aMessageShowsTimeRoomNickAndText() {
    assertEquals(List.of("[14:03:22] #lobby <bob> hi"), plain(message("bob", "hi", null)));
  }

  @Test
  void timesAreShownInLocalTime() {
    var berlin = new FrameRenderer(Clock.fixed(NOW, ZoneId.of("Europe/Berlin")), "HH:mm:ss");
    assertEquals(
        "[15:03:22] #lobby <bob> hi",
        berlin.render(message("bob", "hi", null), null).get(0).toString());
  }

  @Test
  void aNoticeShowsItsNickBetweenDashes() {
    assertEquals(
        List.of("[14:03:22] #lobby -bot- build passed"),
        plain(new ServerFrame.Message(null, "lobby", 7, "bot", "build passed", TS, null, true)));
    assertEquals(
        List.of("[14:03:22] -bot-: fyi"),
        plain(new ServerFrame.Direct(null, "bot", "alice", "fyi", TS, null, null, null, true)));
  }

  @Test
  void replayedHistoryIsMarkedAsSuch() {
    assertEquals(
        List.of("[14:03:22] #lobby (history) <bob> hi"), plain(message("bob", "hi", true)));
  }

  @Test
  void aMessageFromAnotherDayShowsTheDate() {
    var old =
        new ServerFrame.Message(null, "lobby", 1, "bob", "hi", TS.minus(Duration.ofDays(1)), true);
    assertEquals(List.of("[2026-11-21 14:03:22] #lobby (history) <bob> hi"), plain(old));
  }

  @Test
  void theLinesOfAMultiLineMessageAreIndentedUnderTheText() {
    assertEquals(
        List.of("[14:03:22] #lobby <bob> first", "                        second"),
        plain(message("bob", "first\nsecond", null)));
  }

  @Test
  void joinsAndLeavesHaveTheirOwnKindOfLine() {
    assertEquals(
        List.of("[14:03:22] #lobby --> bob joined"),
        plain(new ServerFrame.MemberJoined("lobby", "bob", TS)));
    assertEquals(
        List.of("[14:03:22] #lobby <-- bob left"),
        plain(new ServerFrame.MemberLeft("lobby", "bob", DepartureReason.LEFT, TS)));
    assertEquals(
        List.of("[14:03:22] #lobby <-- bob left (disconnected)"),
        plain(new ServerFrame.MemberLeft("lobby", "bob", DepartureReason.DISCONNECTED, TS)));
    assertEquals(
        List.of("[14:05:00] #dev --> you joined (members: alice, bob; topic: Ship it)"),
        plain(new ServerFrame.Joined(null, "dev", "Ship it", List.of("alice", "bob"), 0)));
    assertEquals(
        List.of("[14:05:00] #dev <-- you left"), plain(new ServerFrame.Left(FrameId.of(3), "dev")));
  }

  @Test
  void aKickSaysWhoKickedAndWhy() {
    assertEquals(
        List.of("[14:03:22] #dev <-- you were kicked from #dev by bob: spamming"),
        plain(new ServerFrame.Kicked("dev", "bob", "spamming", TS)));
    assertEquals(
        List.of("[14:03:22] #dev <-- you were kicked from #dev by bob"),
        plain(new ServerFrame.Kicked("dev", "bob", null, TS)));
    assertEquals(
        List.of("[14:03:22] #dev <-- carol was kicked by bob: spamming"),
        plain(
            new ServerFrame.MemberLeft(
                "dev", "carol", DepartureReason.KICKED, "bob", "spamming", TS)));
    assertEquals(
        List.of("[14:03:22] #dev <-- carol was kicked by bob"),
        plain(new ServerFrame.MemberLeft("dev", "carol", DepartureReason.KICKED, "bob", null, TS)));
  }

  @Test
  void aKickOffTheServerIsADepartureOfItsReason() {
    assertEquals(
        List.of("[14:03:22] #dev <-- carol left (kicked)"),
        plain(new ServerFrame.MemberLeft("dev", "carol", DepartureReason.KICKED, TS)));
  }

  @Test
  void aQuitSaysItsWords() {
    assertEquals(
        List.of("[14:03:22] #dev <-- carol left (quit): gone fishing"),
        plain(
            new ServerFrame.MemberLeft(
                "dev", "carol", DepartureReason.QUIT, null, "gone fishing", TS)));
    assertEquals(
        List.of("[14:03:22] #dev <-- carol left (quit)"),
        plain(new ServerFrame.MemberLeft("dev", "carol", DepartureReason.QUIT, TS)));
  }

  @Test
  void aKickReasonCannotReachTheTerminalAsAnEscapeSequence() {
    var line = plain(new ServerFrame.Kicked("dev", "bob", "\u001b[2Jout", TS)).get(0);
    assertFalse(line.contains("\u001b"), line);
  }

  @Test
  void topicsAndNoticesHaveTheirOwnKindOfLine() {
    assertEquals(
        List.of("[14:03:22] #dev -- bob set the topic: Ship it"),
        plain(new ServerFrame.Topic(null, "dev", "Ship it", "bob", TS)));
    assertEquals(
        List.of("[14:03:22] -!- notice: Restart at noon"),
        plain(new ServerFrame.Notice("Restart at noon", TS)));
  }

  @Test
  void theLinesOfAMultiLineTopicOrNoticeAreIndentedUnderTheText() {
    assertEquals(
        List.of(
            "[14:03:22] #dev -- bob set the topic: Ship it",
            "                                      on Friday"),
        plain(new ServerFrame.Topic(null, "dev", "Ship it\non Friday", "bob", TS)));
    assertEquals(
        List.of("[14:03:22] -!- notice: Restart at noon", "                       back by one"),
        plain(new ServerFrame.Notice("Restart at noon\nback by one", TS)));
    assertEquals(
        List.of(
            "[14:05:00] #dev --> you joined (members: alice; topic: Ship it",
            "                                                       on Friday)"),
        plain(new ServerFrame.Joined(null, "dev", "Ship it\non Friday", List.of("alice"), 0)));
    assertEquals(
        List.of(
            "[14:05:00] -- 1 room", "   #dev  1 member  Ship it", "                   on Friday"),
        plain(
            new ServerFrame.RoomList(
                null, List.of(new ServerFrame.RoomSummary("dev", 1, "Ship it\non Friday")))));
  }

  @Test
  void anErrorShowsItsMessageWithoutItsCode() {
    assertEquals(
        List.of("[14:05:00] !! no room ops"),
        plain(new ServerFrame.Error(FrameId.of(1), ErrorCode.NO_SUCH_ROOM, "no room ops", null)));
    assertEquals(
        List.of("[14:05:00] !! too many tries (retry in 60 s)"),
        plain(new ServerFrame.Error(null, ErrorCode.LOCKED_OUT, "too many tries", 60L)));
  }

  @Test
  void aCodeOrReasonFromANewerServerShowsTheServersWords() {
    var codec = new FrameCodec();
    assertEquals(
        List.of("[14:05:00] !! you have used up today's quota"),
        plain(
            codec.decodeServerFrame(
                "{\"type\":\"error\",\"re\":4,\"code\":\"quota_exceeded\","
                    + "\"message\":\"you have used up today's quota\"}")));
    assertEquals(
        List.of("[14:03:22] #lobby <-- bob left"),
        plain(
            codec.decodeServerFrame(
                "{\"type\":\"member_left\",\"room\":\"lobby\",\"nick\":\"bob\","
                    + "\"reason\":\"banned\",\"ts\":\"2026-11-22T14:03:22.123Z\"}")));
    assertEquals(
        List.of("[14:05:00] -- the server ended the session: you are banned for a day"),
        plain(
            codec.decodeServerFrame(
                "{\"type\":\"bye\",\"reason\":\"banned\","
                    + "\"message\":\"you are banned for a day\"}")));
  }

  @Test
  void answersAreListed() {
    assertEquals(
        List.of("[14:05:00] -- 2 rooms", "   #lobby  3 members  Welcome", "   #dev    1 member"),
        plain(
            new ServerFrame.RoomList(
                null,
                List.of(
                    new ServerFrame.RoomSummary("lobby", 3, "Welcome"),
                    new ServerFrame.RoomSummary("dev", 1, null)))));
    assertEquals(
        List.of("[14:05:00] #dev -- 2 members: alice, bob"),
        plain(new ServerFrame.Members(null, "dev", List.of("alice", "bob"))));
    assertEquals(
        List.of(
            "[14:05:00] -- 3 users, 1 online",
            "   alice  online",
            "   bob    last seen 14:03:22 (1 min ago)",
            "   carol  last seen 2026-11-20 09:00:00 (2 days ago)"),
        plain(
            new ServerFrame.Users(
                null,
                List.of(
                    new ServerFrame.UserPresence("alice", true, NOW),
                    new ServerFrame.UserPresence("bob", false, TS),
                    new ServerFrame.UserPresence(
                        "carol", false, Instant.parse("2026-11-20T09:00:00Z"))))));
    assertEquals(
        List.of("[14:05:00] #dev -- end of history (1 message)"),
        plain(new ServerFrame.HistoryEnd(null, "dev", 1)));
  }

  @Test
  void directMessagesShowWhoSentThemToWhom() {
    assertEquals(
        List.of("[14:03:22] *bob*: psst"),
        plain(new ServerFrame.Direct(null, "bob", "alice", "psst", TS, null, null)));
    assertEquals(
        List.of("[14:03:22] *alice* -> bob: psst"),
        plain(new ServerFrame.Direct(FrameId.of(4), "alice", "bob", "psst", TS, null, null)));
  }

  @Test
  void directMessagesMarkMailAndWhatWaitsForSomeoneOffline() {
    assertEquals(
        List.of("[2026-11-21 14:03:22] (offline) *bob*: while you were out"),
        plain(
            new ServerFrame.Direct(
                null,
                "bob",
                "alice",
                "while you were out",
                TS.minus(Duration.ofDays(1)),
                true,
                null)));
    assertEquals(
        List.of(
            "[14:03:22] *alice* -> bob: first",
            "                           second (stored; delivered when bob logs in)"),
        plain(
            new ServerFrame.Direct(
                FrameId.of(5), "alice", "bob", "first\nsecond", TS, null, true)));
  }

  @Test
  void directMessagesHaveAColourOfTheirOwn() {
    AttributedString direct =
        renderer
            .render(new ServerFrame.Direct(null, "bob", "alice", "psst", TS, null, null), "alice")
            .get(0);
    AttributedString room = renderer.render(message("bob", "psst", null), "alice").get(0);
    AttributedStyle directStyle = direct.styleAt(direct.toString().indexOf("bob"));
    assertNotEquals(room.styleAt(room.toString().indexOf("bob")), directStyle);
    assertEquals(directStyle, direct.styleAt(direct.toString().indexOf("*:") + 1));
  }

  @Test
  void loggingInToAnAccountIsExplained() {
    var registered =
        new ServerFrame.Error(
            FrameId.of(1),
            ErrorCode.AUTH_FAILED,
            "nick bob is" + " registered; give its password",
            null);
    assertEquals(
        List.of("[14:05:00] -- nick bob is registered; give its password"),
        plain(new ClientEvent.PasswordWanted("bob", registered, false)));
    assertEquals(
        List.of("[14:05:00] !! no account matches that nick and password"),
        plain(
            new ClientEvent.PasswordWanted(
                "bob",
                new ServerFrame.Error(
                    FrameId.of(2),
                    ErrorCode.AUTH_FAILED,
                    "no account matches that nick and password",
                    null),
                true)));
  }

  @Test
  void aLockoutSaysTheWaitOnce() {
    assertEquals(
        List.of("[14:05:00] !! too many failed logins; try again in 42 s"),
        plain(
            new ClientEvent.PasswordWanted(
                "bob",
                new ServerFrame.Error(
                    FrameId.of(3),
                    ErrorCode.LOCKED_OUT,
                    "too many failed logins; try again in 42 s",
                    42L),
                true)));
    // a server whose message does not say the wait
    assertEquals(
        List.of("[14:05:00] !! too many failed logins (retry in 42 s)"),
        plain(
            new ServerFrame.Error(
                FrameId.of(3), ErrorCode.LOCKED_OUT, "too many failed logins", 42L)));
  }

  @Test
  void accountsAndBlocksSayWhatChanged() {
    assertEquals(
        List.of(
            "[14:05:00] -- alice is now an account: logging in as alice takes this password from"
                + " now on"),
        plain(new ClientEvent.Registered("alice")));
    assertEquals(
        List.of("[14:05:00] -- blocked bob: you will not see their messages or DMs"),
        plain(new ClientEvent.Blocked("bob")));
    assertEquals(
        List.of("[14:05:00] -- unblocked bob: you see their messages and take their DMs again"),
        plain(new ClientEvent.Unblocked("bob")));
  }

  @Test
  void awaysSayWhoIsAwayWhyAndWhoIsBack() {
    assertEquals(
        List.of("[14:03:22] #lobby -!- bob is away: lunch"),
        plain(new ServerFrame.MemberAway("lobby", "bob", "lunch", TS)));
    assertEquals(
        List.of("[14:03:22] #lobby -!- bob is back"),
        plain(new ServerFrame.MemberAway("lobby", "bob", null, TS)));
    assertEquals(
        List.of("[14:05:00] -- you are away: lunch (/away alone: back)"),
        plain(new ClientEvent.AwayChanged("lunch")));
    assertEquals(List.of("[14:05:00] -- you are back"), plain(new ClientEvent.AwayChanged(null)));
    assertEquals(
        List.of("[14:05:00] #lobby -- 2 members: alice, bob (away)"),
        plain(new ServerFrame.Members(null, "lobby", List.of("alice", "bob"), List.of("bob"))));
    assertEquals(
        List.of("[14:03:22] *alice* -> bob: hi (bob is away: lunch)"),
        plain(
            new ServerFrame.Direct(
                FrameId.of(1), "alice", "bob", "hi", TS, null, null, "lunch", null)));
  }

  @Test
  void byeShowsItsReason() {
    assertEquals(
        List.of("[14:05:00] -- the server ended the session (kicked): behave"),
        plain(new ServerFrame.Bye(DepartureReason.KICKED, "behave")));
    assertEquals(
        List.of("[14:05:00] -- bye"), plain(new ServerFrame.Bye(DepartureReason.QUIT, null)));
  }

  @Test
  void aGapAndItsLossAreReported() {
    assertEquals(
        List.of(
            "[14:05:00] #lobby -- missed messages 5 to 9 (the terminal read too slowly);"
                + " fetching them"),
        plain(new ServerFrame.Gap("lobby", 5, 9)));
    assertEquals(
        List.of("[14:05:00] #lobby -- messages 5 to 6 are no longer kept"),
        plain(new ClientEvent.GapLost("lobby", 5, 6)));
  }

  @Test
  void pongsAreNotShown() {
    assertEquals(List.of(), plain(new ServerFrame.Pong(FrameId.of(1))));
  }

  @Test
  void connectionTroubleIsReported() {
    assertEquals(
        List.of("[14:05:00] !! connection lost: reset by peer; reconnecting in 2 s"),
        plain(new ClientEvent.ConnectionLost("reset by peer", Duration.ofMillis(1600))));
    assertEquals(
        List.of(
            "[14:05:00] !! connection lost: the server said bye (hello_timeout); connecting again"
                + " once you answer"),
        plain(new ClientEvent.ConnectionLost("the server said bye (hello_timeout)", null)));
    assertEquals(
        List.of(
            "[14:05:00] !! cannot reach 127.0.0.1:7777: Connection refused; trying again in 1 s",
            "[14:05:00] -- another server: parley --host HOST --port PORT, or parley.client.host"
                + " and parley.client.port in application.conf; Ctrl-D stops trying"),
        plain(
            new ClientEvent.ConnectFailed(
                "127.0.0.1", 7777, "Connection refused", Duration.ofMillis(50), false)));
    // a client that had a session knows where its server is
    assertEquals(
        List.of(
            "[14:05:00] !! cannot reach 127.0.0.1:7777: Connection refused; trying again in 1 s"),
        plain(
            new ClientEvent.ConnectFailed(
                "127.0.0.1", 7777, "Connection refused", Duration.ofMillis(50), true)));
    assertEquals(
        List.of(
            "[14:05:00] -- the server still holds the nick bob, most likely for the lost"
                + " connection; trying it again in 2 s"),
        plain(new ClientEvent.NickHeld("bob", Duration.ofSeconds(2))));
  }

  @Test
  void ownNickIsBoldAndOtherNicksAreColoured() {
    AttributedString own = renderer.render(message("alice", "hi", null), "alice").get(0);
    AttributedString other = renderer.render(message("bob", "hi", null), "alice").get(0);
    int ownAt = own.toString().indexOf("alice");
    int otherAt = other.toString().indexOf("bob");
    assertTrue(own.styleAt(ownAt).equals(AttributedStyle.DEFAULT.bold()));
    assertNotEquals(AttributedStyle.DEFAULT, other.styleAt(otherAt));
    assertTrue(other.toAnsi().contains("\u001b["));
    assertTrue(!other.toString().contains("\u001b["));
  }

  @Test
  void aMessageThatMentionsYouStandsOut() {
    AttributedString line = renderer.render(message("bob", "ping Alice!", null), "alice").get(0);
    assertEquals(AttributedStyle.DEFAULT.bold(), line.styleAt(line.toString().indexOf("ping")));
    AttributedString notMe = renderer.render(message("bob", "malice", null), "alice").get(0);
    assertEquals(AttributedStyle.DEFAULT, notMe.styleAt(notMe.toString().indexOf("malice")));
  }

  @Test
  void escapeSequencesInAServersTextReachTheTerminalAsVisibleCharacters() {
    var hostile = message("bob\u001b[8m", "\u001b[2J\u001b]0;owned\u0007\r\u009b1;1H\tend", null);
    AttributedString line = renderer.render(hostile, "alice").get(0);
    assertEquals(
        "[14:03:22] #lobby <bob\uFFFD[8m> \uFFFD[2J\uFFFD]0;owned\uFFFD\uFFFD\uFFFD1;1H\tend",
        line.toString());
    assertNotEquals(AttributedStyle.DEFAULT, line.styleAt(line.toString().indexOf("bob")));
    assertEquals(
        List.of("[14:05:00] -- the server ended the session (kicked): \uFFFD[2Jgo away"),
        plain(new ServerFrame.Bye(DepartureReason.KICKED, "\u001b[2Jgo away")));
    assertEquals(
        List.of("[14:05:00] !! \uFFFD[5mblink"),
        plain(new ServerFrame.Error(null, ErrorCode.UNKNOWN, "\u001b[5mblink", null)));
  }

  @Test
  void aFrameThatLacksAFieldStillShows() {
    assertEquals(
        List.of("[14:05:00] #lobby <> "),
        plain(new ServerFrame.Message(null, "lobby", 1, null, null, null, null)));
    assertEquals(
        List.of("[14:05:00] *bob*: "),
        plain(new ServerFrame.Direct(null, "bob", null, null, null, null, null)));
    assertEquals(
        List.of("[14:05:00] !! no code"),
        plain(new ServerFrame.Error(null, null, "no code", null)));
    assertEquals(
        List.of("[14:05:00] -- 2 rooms", "   #  1 member", "   #  2 members"),
        plain(
            new ServerFrame.RoomList(
                null,
                List.of(
                    new ServerFrame.RoomSummary("", 1, null),
                    new ServerFrame.RoomSummary(null, 2, null)))));
    assertEquals(
        List.of("[14:05:00] -- 1 user, 0 online", "     seen a while ago"),
        plain(
            new ServerFrame.Users(null, List.of(new ServerFrame.UserPresence(null, false, null)))));
  }

  @Test
  void aTimeBeyondTheLocalCalendarShowsAsTheServerSentIt() {
    assertEquals(
        List.of("[+1000000000-12-31T23:59:59.999999999Z] #lobby --> bob joined"),
        plain(new ServerFrame.MemberJoined("lobby", "bob", Instant.MAX)));
  }

  @Test
  void helpListsEveryCommand() {
    String help =
        String.join("\n", renderer.help().stream().map(AttributedString::toString).toList());
    for (String usage :
        List.of(
            "/create room [topic]",
            "/join room",
            "/leave [room]",
            "/kick room nick [reason]",
            "/rooms",
            "/who [room]",
            "/users [seconds]",
            "/topic text",
            "/history [n]",
            "/msg nick text",
            "/block nick",
            "/unblock nick",
            "/register",
            "/quit [text]",
            "/help")) {
      assertTrue(help.contains(usage), usage);
    }
  }
}
