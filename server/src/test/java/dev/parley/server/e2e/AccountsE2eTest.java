package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Accounts, direct messages, offline mail and blocks, over the wire. */
@ExtendWith(LogCapturingExtension.class)
class AccountsE2eTest {

  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-accounts");

  /** Logs in as a guest, registers the nick, and quits. */
  private static String registered(String prefix) {
    String nick = Names.nick(prefix);
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("register", "id", 1, "password", PASSWORD);
      client.expect(ServerFrame.Ok.class, ok -> FrameId.of(1).equals(ok.re()), "re 1");
      client.sendFrame("quit");
      client.expect(ServerFrame.Bye.class);
    }
    return nick;
  }

  /** Connects and says hello with the account's password, taking the welcome. */
  private static RawClient loggedIn(String nick, String password) {
    var client = RawClient.connect(server.address());
    client.sendFrame("hello", "nick", nick, "password", password);
    client.expect(ServerFrame.Welcome.class);
    return client;
  }

  @Test
  void registersTheNickSoThatASecondConnectionLogsInWithThePassword() {
    String nick = registered("reg");
    try (var client = loggedIn(nick.toUpperCase(), PASSWORD)) {
      var joined = client.expect(ServerFrame.Joined.class);
      assertEquals("lobby", joined.room());
    }
  }

  @Test
  void takesTheNickOverFromAConnectionThatStillHoldsItWithThePasswordAndTakeOver() {
    String nick = registered("ghost");
    String room = Names.room("ghost");
    try (var bob = RawClient.login(server.address(), Names.nick("bob"));
        var lost = RawClient.login(server.address(), nick, PASSWORD);
        var back = RawClient.connect(server.address())) {
      Rooms.enter(room, bob, lost);

      back.sendFrame("hello", "id", 1, "nick", nick, "password", PASSWORD);
      back.expectError(ErrorCode.NICK_TAKEN, FrameId.of(1));
      back.sendFrame("hello", "id", 2, "nick", nick, "password", PASSWORD, "take_over", true);
      back.expect(ServerFrame.Welcome.class, welcome -> FrameId.of(2).equals(welcome.re()), "");

      lost.expectBye(DepartureReason.REPLACED);
      lost.expectClosed();
      var left = bob.expect(ServerFrame.MemberLeft.class);
      assertEquals(nick, left.nick());
      assertEquals(DepartureReason.REPLACED, left.reason());
      // the end of the connection it replaced leaves the nick with the new one
      try (var third = RawClient.connect(server.address())) {
        third.sendFrame("hello", "id", 3, "nick", nick, "password", PASSWORD);
        third.expectError(ErrorCode.NICK_TAKEN, FrameId.of(3));
      }
    }
  }

  @Test
  void neverTakesTheNickOverWithAWrongPassword() {
    String nick = registered("holder");
    try (var holder = RawClient.login(server.address(), nick, PASSWORD);
        var other = RawClient.connect(server.address())) {
      other.sendFrame(
          "hello", "id", 1, "nick", nick, "password", "not the password", "take_over", true);
      other.expectError(ErrorCode.AUTH_FAILED, FrameId.of(1));
      holder.sendFrame("ping", "id", "still");
      holder.expectPong(FrameId.of("still"));
    }
  }

  @Test
  void refusesARegisteredNickWithoutOrWithAWrongPassword() {
    String nick = registered("pw");
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 1, "nick", nick);
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(1));
      client.sendFrame("hello", "id", 2, "nick", nick, "password", "not the password");
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(2));
      client.sendFrame("hello", "id", 3, "nick", nick, "password", PASSWORD);
      client.expect(ServerFrame.Welcome.class, welcome -> FrameId.of(3).equals(welcome.re()), "");
    }
  }

  @Test
  void refusesToRegisterAnAccountAgainOrWithAShortPassword() {
    String nick = registered("again");
    try (var client = loggedIn(nick, PASSWORD)) {
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("register", "id", 1, "password", "another password");
      client.expectError(ErrorCode.ALREADY_REGISTERED, FrameId.of(1));
    }
    try (var guest = RawClient.login(server.address(), Names.nick("short"))) {
      guest.sendFrame("register", "id", 2, "password", "seven77");
      assertTrue(
          guest.expectError(ErrorCode.BAD_REQUEST, FrameId.of(2)).message().contains("password"));
    }
  }

  @Test
  void locksAnAccountOutAfterThreeFailuresAndLetsItInWhenTheLockoutIsOver() {
    String nick = registered("lock");
    try (var client = RawClient.connect(server.address())) {
      for (int i = 1; i <= 2; i++) {
        client.sendFrame("hello", "id", i, "nick", nick, "password", "guess number " + i);
        assertNull(client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(i)).retryAfterS());
      }
      // the failure that locks the account says so, and for how long
      client.sendFrame("hello", "id", 3, "nick", nick, "password", "guess number 3");
      var third = client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(3));
      assertTrue(third.retryAfterS() >= 1 && third.retryAfterS() <= 2, client.lastLine());
      assertTrue(
          third
              .message()
              .endsWith("the account " + nick + " is now locked for " + third.retryAfterS() + " s"),
          third.message());
      client.sendFrame("hello", "id", 4, "nick", nick, "password", PASSWORD);
      var lockedOut = client.expectError(ErrorCode.LOCKED_OUT, FrameId.of(4));
      assertTrue(lockedOut.retryAfterS() >= 1 && lockedOut.retryAfterS() <= 2, client.lastLine());

      // the lockout of e2e-accounts.conf lasts 2 s; retry_after_s says when it is over
      client.expectNothingFor(Duration.ofSeconds(lockedOut.retryAfterS()));
      client.sendFrame("hello", "id", 5, "nick", nick, "password", PASSWORD);
      client.expect(ServerFrame.Welcome.class, welcome -> FrameId.of(5).equals(welcome.re()), "");
    }
  }

  @Test
  void deliversADirectMessageToWhoIsOnlineAndEchoesItToTheSender() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      alice.sendFrame("dm", "id", "d1", "to", bobNick.toUpperCase(), "text", "psst");
      var echo = alice.expect(ServerFrame.Direct.class);
      assertEquals(FrameId.of("d1"), echo.re());
      assertEquals(bobNick, echo.to());
      assertNull(echo.stored());
      var received = bob.expect(ServerFrame.Direct.class);
      assertNull(received.re());
      assertEquals("psst", received.text());
      assertEquals(echo.ts(), received.ts());
    }
  }

  @Test
  void keepsMailForAnOfflineAccountAndDeliversItInOrderRightAfterTheWelcome() {
    String carol = registered("carol");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      for (String text : List.of("first", "second", "third")) {
        alice.sendFrame("dm", "to", carol, "text", text);
        assertEquals(Boolean.TRUE, alice.expect(ServerFrame.Direct.class).stored());
      }
      alice.sendFrame("dm", "id", 9, "to", carol, "text", "one too many");
      alice.expectError(ErrorCode.MAILBOX_FULL, FrameId.of(9));
    }
    try (var client = loggedIn(carol, PASSWORD)) {
      for (String text : List.of("first", "second", "third")) {
        var mail = client.expect(ServerFrame.Direct.class);
        assertEquals(text, mail.text());
        assertEquals(Boolean.TRUE, mail.offline());
      }
      client.expect(ServerFrame.Joined.class);
    }
    try (var again = loggedIn(carol, PASSWORD)) {
      again.expect(ServerFrame.Joined.class);
    }
  }

  @Test
  void refusesDirectMessagesToNobodyToAnOfflineGuestAndToOneself() {
    String alice = Names.nick("alice");
    String guest = Names.nick("guest");
    try (var client = RawClient.login(server.address(), guest)) {
      client.sendFrame("quit");
      client.expect(ServerFrame.Bye.class);
    }
    try (var client = RawClient.login(server.address(), alice)) {
      client.sendFrame("dm", "id", 1, "to", Names.nick("nobody"), "text", "hi");
      client.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(1));
      client.sendFrame("dm", "id", 2, "to", guest, "text", "hi");
      client.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(2));
      client.sendFrame("dm", "id", 3, "to", alice, "text", "hi");
      client.expectError(ErrorCode.SELF, FrameId.of(3));
      client.sendFrame("dm", "id", 4, "to", alice, "text", " ");
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of(4));
    }
  }

  @Test
  void hidesABlockedUsersRoomMessagesAndRefusesTheirDirectMessages() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    String room = Names.room("blocks");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick);
        var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      bob.sendFrame("join", "room", room);
      bob.expect(ServerFrame.Joined.class);
      carol.sendFrame("join", "room", room);
      carol.expect(ServerFrame.Joined.class);
      alice.expect(ServerFrame.MemberJoined.class);
      alice.expect(ServerFrame.MemberJoined.class);
      bob.expect(ServerFrame.MemberJoined.class);

      alice.sendFrame("block", "id", 1, "nick", bobNick.toUpperCase());
      alice.expect(ServerFrame.Ok.class, ok -> FrameId.of(1).equals(ok.re()), "re 1");
      alice.sendFrame("block", "id", 2, "nick", bobNick);
      alice.expectError(ErrorCode.ALREADY_BLOCKED, FrameId.of(2));

      bob.sendFrame("say", "room", room, "text", "from bob");
      bob.expect(ServerFrame.Message.class);
      carol.sendFrame("say", "room", room, "text", "from carol");
      carol.expect(ServerFrame.Message.class);
      assertEquals("from carol", alice.expect(ServerFrame.Message.class).text());
      bob.expect(ServerFrame.Message.class);

      bob.sendFrame("dm", "id", 3, "to", aliceNick, "text", "hi");
      bob.expectError(ErrorCode.BLOCKED, FrameId.of(3));

      alice.sendFrame("unblock", "id", 4, "nick", bobNick);
      alice.expect(ServerFrame.Ok.class, ok -> FrameId.of(4).equals(ok.re()), "re 4");
      alice.sendFrame("unblock", "id", 5, "nick", bobNick);
      alice.expectError(ErrorCode.NOT_BLOCKED, FrameId.of(5));
      alice.sendFrame("block", "id", 6, "nick", Names.nick("nobody"));
      alice.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(6));
      alice.sendFrame("block", "id", 7, "nick", aliceNick);
      alice.expectError(ErrorCode.SELF, FrameId.of(7));
    }
  }

  @Test
  void withholdsABlockedUsersMessagesFromTheReplayAndFromHistory() {
    String bobNick = Names.nick("bob");
    String room = Names.room("replay");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      bob.sendFrame("create", "room", room);
      bob.expect(ServerFrame.Joined.class);
      for (String text : List.of("one", "two")) {
        bob.sendFrame("say", "room", room, "text", text);
        bob.expect(ServerFrame.Message.class);
      }
      alice.sendFrame("block", "nick", bobNick);
      alice.expect(ServerFrame.Ok.class);

      alice.sendFrame("join", "room", room);
      var joined = alice.expect(ServerFrame.Joined.class);
      assertEquals(0, joined.replay());
      bob.expect(ServerFrame.MemberJoined.class);
      alice.sendFrame("say", "room", room, "text", "three");
      alice.expect(ServerFrame.Message.class);
      bob.expect(ServerFrame.Message.class);

      alice.sendFrame("history", "id", "h", "room", room);
      var message = alice.expect(ServerFrame.Message.class);
      assertEquals("three", message.text());
      var end = alice.expect(ServerFrame.HistoryEnd.class);
      assertEquals(1, end.count());
    }
  }

  @Test
  void keepsTheBlocksOfAnAccountAcrossLogins() {
    String dave = registered("dave");
    String eveNick = Names.nick("eve");
    try (var eve = RawClient.login(server.address(), eveNick)) {
      try (var client = loggedIn(dave, PASSWORD)) {
        client.expect(ServerFrame.Joined.class);
        client.sendFrame("block", "nick", eveNick);
        client.expect(ServerFrame.Ok.class);
      }
      try (var client = loggedIn(dave, PASSWORD)) {
        client.expect(ServerFrame.Joined.class);
        eve.sendFrame("dm", "id", 1, "to", dave, "text", "remember me?");
        eve.expectError(ErrorCode.BLOCKED, FrameId.of(1));
      }
    }
  }

  @Test
  void admitsNoGuestsWhenGuestsAreOff() {
    var membersOnly = ParleyServer.start(ConfigFactory.load("e2e-members-only"));
    try (var client = RawClient.connect(membersOnly.address())) {
      client.sendFrame("hello", "id", 1, "nick", Names.nick("guest"));
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(1));
      client.sendFrame("hello", "id", 2);
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(2));
    } finally {
      membersOnly.close();
    }
  }
}
