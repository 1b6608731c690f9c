package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's kick of a member out of a room, and a quit's words, over the wire. */
@ExtendWith(LogCapturingExtension.class)
class KickE2eTest {

  private static final String CONFIG = "e2e-operators";
  private static final String OPERATOR = "Oper";
  private static final String PASSWORD = "the operator's password";

  @RegisterExtension
  static final RunningServer server = TestUsersFile.serverWith(CONFIG, OPERATOR, PASSWORD);

  private static RawClient operator() {
    return RawClient.login(server.address(), OPERATOR, PASSWORD);
  }

  /** A room that {@code creator} makes and is in. */
  private static String room(RawClient creator, String prefix) {
    String room = Names.room(prefix);
    creator.sendFrame("create", "room", room);
    creator.expect(ServerFrame.Joined.class);
    return room;
  }

  /** {@code nick} logs in and joins {@code room}, which its {@code members} see. */
  private static RawClient member(String nick, String room, RawClient... members) {
    var client = RawClient.login(server.address(), nick);
    client.sendFrame("join", "room", room);
    client.expect(ServerFrame.Joined.class);
    for (RawClient member : members) {
      member.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(nick), nick);
    }
    return client;
  }

  private static ServerFrame.MemberLeft departureOf(RawClient witness, String nick) {
    return witness.expect(ServerFrame.MemberLeft.class, left -> left.nick().equals(nick), nick);
  }

  @Test
  void anOperatorKicksAMemberOutAndEveryoneSeesWhoDidAndWhy() {
    String carolNick = Names.nick("carol");
    String bobNick = Names.nick("bob");
    try (var operator = operator()) {
      String room = room(operator, "kick");
      try (var carol = member(carolNick, room, operator);
          var bob = member(bobNick, room, operator, carol)) {
        operator.sendFrame("kick", "id", "k", "room", room, "nick", bobNick, "text", "spamming");

        assertEquals(FrameId.of("k"), operator.expect(ServerFrame.Ok.class).re());
        var kicked = bob.expect(ServerFrame.Kicked.class);
        assertEquals(room, kicked.room());
        assertEquals(OPERATOR, kicked.by());
        assertEquals("spamming", kicked.text());
        assertNotNull(kicked.ts(), bob.lastLine());
        for (RawClient witness : List.of(operator, carol)) {
          var left = departureOf(witness, bobNick);
          assertEquals(DepartureReason.KICKED, left.reason());
          assertEquals(OPERATOR, left.by());
          assertEquals("spamming", left.text());
        }
        bob.sendFrame("say", "id", "s", "room", room, "text", "still here?");
        bob.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("s"));
        carol.sendFrame("who", "room", room);
        assertEquals(
            List.of(OPERATOR, carolNick), carol.expect(ServerFrame.Members.class).members());
      }
    }
  }

  @Test
  void aKickWithoutAReasonSaysOnlyWhoKicked() {
    String bobNick = Names.nick("bob");
    try (var operator = operator()) {
      String room = room(operator, "quiet");
      try (var bob = member(bobNick, room, operator)) {
        operator.sendFrame("kick", "room", room, "nick", bobNick.toUpperCase());

        operator.expect(ServerFrame.Ok.class);
        assertNull(bob.expect(ServerFrame.Kicked.class).text());
        assertFalse(bob.lastLine().contains("\"text\""), bob.lastLine());
        var left = departureOf(operator, bobNick);
        assertEquals(OPERATOR, left.by());
        assertNull(left.text());
      }
    }
  }

  @Test
  void aKickedMemberMayJoinAgain() {
    String bobNick = Names.nick("bob");
    try (var operator = operator()) {
      String room = room(operator, "again");
      try (var bob = member(bobNick, room, operator)) {
        operator.sendFrame("kick", "room", room, "nick", bobNick);
        bob.expect(ServerFrame.Kicked.class);
        operator.expect(ServerFrame.Ok.class);
        departureOf(operator, bobNick);

        bob.sendFrame("join", "id", "j", "room", room);

        var joined = bob.expect(ServerFrame.Joined.class);
        assertEquals(FrameId.of("j"), joined.re());
        assertEquals(List.of(OPERATOR, bobNick), joined.members());
        operator.expect(ServerFrame.MemberJoined.class, j -> j.nick().equals(bobNick), bobNick);
      }
    }
  }

  @Test
  void refusesTheKickOfSomeoneWhoIsNoOperator() {
    String bobNick = Names.nick("bob");
    try (var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      String room = room(carol, "noop");
      try (var bob = member(bobNick, room, carol)) {
        carol.sendFrame("kick", "id", 1, "room", room, "nick", bobNick);

        carol.expectError(ErrorCode.NOT_OPERATOR, FrameId.of(1));
        bob.sendFrame("say", "id", 2, "room", room, "text", "still here");
        assertEquals(FrameId.of(2), bob.expect(ServerFrame.Message.class).re());
      }
    }
  }

  @Test
  void refusesAKickInARoomTheOperatorIsNotIn() {
    String bobNick = Names.nick("bob");
    try (var bob = RawClient.login(server.address(), bobNick);
        var operator = operator()) {
      String room = room(bob, "elsewhere");

      operator.sendFrame("kick", "id", 1, "room", room, "nick", bobNick);

      var error = operator.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of(1));
      assertTrue(error.message().contains(room), error.message());
      bob.expectNothingFor(Duration.ofMillis(100));
    }
  }

  @Test
  void refusesTheKickOfSomeoneWhoIsNotInTheRoom() {
    String carolNick = Names.nick("carol");
    try (var operator = operator();
        var carol = RawClient.login(server.address(), carolNick)) {
      String room = room(operator, "absent");

      operator.sendFrame("kick", "id", 1, "room", room, "nick", carolNick);

      var error = operator.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(1));
      assertTrue(error.message().contains(carolNick + " is not in room " + room), error.message());
    }
  }

  @Test
  void refusesAReasonThatBreaksTheTextRules() {
    String bobNick = Names.nick("bob");
    try (var operator = operator()) {
      String room = room(operator, "reason");
      try (var bob = member(bobNick, room, operator)) {
        operator.sendFrame("kick", "id", 1, "room", room, "nick", bobNick, "text", "   ");
        operator.expectError(ErrorCode.TEXT_INVALID, FrameId.of(1));
        operator.sendFrame("kick", "id", 2, "room", room, "nick", bobNick, "text", "be\u0007ll");
        operator.expectError(ErrorCode.TEXT_INVALID, FrameId.of(2));

        operator.sendFrame("who", "room", room);
        assertEquals(
            List.of(OPERATOR, bobNick), operator.expect(ServerFrame.Members.class).members());
      }
    }
  }

  @Test
  void refusesAKickWithoutANickAsBadRequest() {
    try (var operator = operator()) {
      String room = room(operator, "nonick");

      operator.sendFrame("kick", "id", 1, "room", room);

      var error = operator.expectError(ErrorCode.BAD_REQUEST, FrameId.of(1));
      assertTrue(error.message().contains("'nick'"), error.message());
    }
  }

  @Test
  void whatAKickedMemberWasAnsweredAsSaidIsStoredAndSeenBeforeTheKick() {
    String bobNick = Names.nick("bob");
    int says = 8;
    try (var operator = operator()) {
      String room = room(operator, "pending");
      try (var bob = member(bobNick, room, operator)) {
        for (int i = 0; i < says; i++) {
          bob.sendFrame("say", "id", i, "room", room, "text", "line " + i);
        }
        operator.sendFrame("kick", "id", "k", "room", room, "nick", bobNick);

        Set<String> echoed = new HashSet<>();
        boolean kicked = false;
        for (int answers = 0; answers < says; ) {
          var frame = bob.next();
          if (frame instanceof ServerFrame.Message echo) {
            assertFalse(kicked, "an echo after the kick: " + bob.lastLine());
            echoed.add(echo.text());
            answers++;
          } else if (frame instanceof ServerFrame.Error error) {
            assertEquals(ErrorCode.NOT_IN_ROOM, error.code(), bob.lastLine());
            answers++;
          } else {
            assertTrue(frame instanceof ServerFrame.Kicked, bob.lastLine());
            kicked = true;
          }
        }
        var seen = new ArrayList<String>();
        ServerFrame frame;
        while (!((frame = operator.next()) instanceof ServerFrame.MemberLeft)) {
          if (frame instanceof ServerFrame.Message message) {
            seen.add(message.text());
          }
        }
        assertEquals(echoed, Set.copyOf(seen), "what bob was answered as said, before the kick");
        operator.sendFrame("history", "room", room);
        var stored = new ArrayList<String>();
        while ((frame = operator.next()) instanceof ServerFrame.Message message) {
          stored.add(message.text());
        }
        assertEquals(seen, stored);
      }
    }
  }

  /** The member_left that another member of a room sees of a member's quit with {@code text}. */
  private static ServerFrame.MemberLeft departureAfterQuit(String text) {
    String bobNick = Names.nick("bob");
    try (var watcher = RawClient.login(server.address(), Names.nick("watcher"))) {
      String room = room(watcher, "quit");
      try (var bob = member(bobNick, room, watcher)) {
        bob.sendFrame("quit", "text", text);
        bob.expectBye(DepartureReason.QUIT);
        return departureOf(watcher, bobNick);
      }
    }
  }

  @Test
  void theOthersSeeTheWordsOfAQuit() {
    var left = departureAfterQuit("gone fishing");
    assertEquals(DepartureReason.QUIT, left.reason());
    assertEquals("gone fishing", left.text());
    assertNull(left.by());
  }

  @Test
  void aQuitWhoseWordsBreakTheTextRulesEndsTheSessionWithoutThem() {
    var left = departureAfterQuit("\u001b[2J");
    assertEquals(DepartureReason.QUIT, left.reason());
    assertNull(left.text());
  }
}
