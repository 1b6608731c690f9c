package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Away over the wire: {@code away} marks a user away with a message and back without one; the other
 * members of its rooms are told ({@code member_away}), {@code users} and {@code who} show it, and a
 * direct message's echo names it.
 */
@ExtendWith(LogCapturingExtension.class)
class AwayE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  /** A client that created {@code room} and is in it. */
  private static RawClient inNewRoom(String room, String prefix) {
    var client = RawClient.login(server.address(), Names.nick(prefix));
    client.sendFrame("create", "room", room);
    client.expect(ServerFrame.Joined.class);
    return client;
  }

  private static ServerFrame.UserPresence presenceOf(RawClient asker, String nick) {
    asker.sendFrame("users", "id", "u");
    return asker.expect(ServerFrame.Users.class).users().stream()
        .filter(user -> user.nick().equals(nick))
        .findFirst()
        .orElseThrow(() -> new AssertionError(nick + " is not in the users answer"));
  }

  @Test
  void marksAUserAwayAndBackAndTellsTheOtherMembersOfItsRooms() {
    String room = Names.room("away");
    String aliceNick = Names.nick("alice");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = inNewRoom(room, "bob")) {
      alice.sendFrame("join", "room", room);
      alice.expect(ServerFrame.Joined.class);
      bob.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(aliceNick), "");

      alice.sendFrame("away", "id", "a1", "text", "out for lunch");
      assertEquals(FrameId.of("a1"), alice.expect(ServerFrame.Ok.class).re());
      var away = bob.expect(ServerFrame.MemberAway.class);
      assertEquals(
          List.of(room, aliceNick, "out for lunch"),
          List.of(away.room(), away.nick(), away.away()));
      bob.sendFrame("who", "id", "w", "room", room);
      assertEquals(List.of(aliceNick), bob.expect(ServerFrame.Members.class).away());
      assertEquals("out for lunch", presenceOf(bob, aliceNick).away());

      alice.sendFrame("away", "id", "a2");
      assertEquals(FrameId.of("a2"), alice.expect(ServerFrame.Ok.class).re());
      var back = bob.expect(ServerFrame.MemberAway.class);
      assertEquals(aliceNick, back.nick());
      assertNull(back.away());
      bob.sendFrame("who", "id", "w", "room", room);
      assertNull(bob.expect(ServerFrame.Members.class).away());
      assertNull(presenceOf(bob, aliceNick).away());
    }
  }

  @Test
  void tellsTheSetterNothingButItsAnswer() {
    try (var alice = inNewRoom(Names.room("self"), "alice")) {
      alice.sendFrame("away", "id", "a", "text", "gone");
      alice.expect(ServerFrame.Ok.class);
      alice.sendFrame("ping", "id", "p");

      alice.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void tellsTheAwayOfAMemberWhoJoinsRightAfterItsArrival() {
    String room = Names.room("arrive");
    String aliceNick = Names.nick("alice");
    try (var bob = inNewRoom(room, "bob");
        var alice = RawClient.login(server.address(), aliceNick)) {
      alice.sendFrame("away", "text", "in a meeting");
      alice.expect(ServerFrame.Ok.class);

      alice.sendFrame("join", "room", room);
      alice.expect(ServerFrame.Joined.class);

      assertEquals(aliceNick, bob.expect(ServerFrame.MemberJoined.class).nick());
      var away = bob.expect(ServerFrame.MemberAway.class);
      assertEquals(List.of(aliceNick, "in a meeting"), List.of(away.nick(), away.away()));
    }
  }

  @Test
  void namesTheRecipientsAwayMessageOnTheEchoOfADirectMessage() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      bob.sendFrame("away", "text", "on holiday");
      bob.expect(ServerFrame.Ok.class);

      alice.sendFrame("dm", "id", "d", "to", bobNick, "text", "are you there?");

      var echo = alice.expect(ServerFrame.Direct.class);
      assertEquals(FrameId.of("d"), echo.re());
      assertEquals("on holiday", echo.away());
      var received = bob.expect(ServerFrame.Direct.class);
      assertEquals("are you there?", received.text());
      assertNull(received.away());
    }
  }

  @Test
  void refusesAnAwayMessageBeyondItsBytesOrWithControlCharactersAndChangesNothing() {
    String aliceNick = Names.nick("alice");
    try (var alice = RawClient.login(server.address(), aliceNick)) {
      alice.sendFrame("away", "id", "long", "text", "é".repeat(129));
      var tooLong = alice.expectError(ErrorCode.TEXT_INVALID, FrameId.of("long"));
      assertEquals("an away message has at most 256 bytes of UTF-8", tooLong.message());
      alice.sendFrame("away", "id", "bell", "text", "ring\u0007");
      alice.expectError(ErrorCode.TEXT_INVALID, FrameId.of("bell"));
      alice.sendFrame("away", "id", "blank", "text", "   ");
      alice.expectError(ErrorCode.TEXT_INVALID, FrameId.of("blank"));

      assertNull(presenceOf(alice, aliceNick).away());
      alice.sendFrame("away", "id", "fits", "text", "é".repeat(128));
      alice.expect(ServerFrame.Ok.class);
      assertEquals("é".repeat(128), presenceOf(alice, aliceNick).away());
    }
  }

  @Test
  void endsWithTheSession() {
    String aliceNick = Names.nick("alice");
    try (var alice = RawClient.login(server.address(), aliceNick)) {
      alice.sendFrame("away", "text", "brb");
      alice.expect(ServerFrame.Ok.class);
    }
    try (var again = RawClient.login(server.address(), aliceNick)) {
      assertNull(presenceOf(again, aliceNick).away());
    }
  }
}
