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
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Rooms over the wire: create, join, leave, say, topic, rooms, who, and what the other members see.
 */
@ExtendWith(LogCapturingExtension.class)
class RoomsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @Test
  void createsARoomWithItsTopicAndJoinsItsCreator() {
    String nick = Names.nick("creator");
    String room = Names.room("Created");
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("create", "id", "c1", "room", room, "topic", "all about it");

      var joined = client.expect(ServerFrame.Joined.class);
      assertEquals(FrameId.of("c1"), joined.re());
      assertEquals(room, joined.room());
      assertEquals("all about it", joined.topic());
      assertEquals(List.of(nick), joined.members());
      assertEquals(0, joined.replay());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"", "has space", "slash/ed", "ümlaut", "abcdefghijklmnopqrstuvwxyz0123456"})
  void refusesToCreateARoomWithAnInvalidName(String room) {
    try (var client = RawClient.login(server.address(), Names.nick("badroom"))) {
      client.sendFrame("create", "id", "c", "room", room);

      client.expectError(ErrorCode.ROOM_INVALID, FrameId.of("c"));
    }
  }

  @Test
  void refusesToJoinARoomWithAnInvalidName() {
    try (var client = RawClient.login(server.address(), Names.nick("badjoin"))) {
      client.sendFrame("join", "id", "j", "room", "no spaces");

      client.expectError(ErrorCode.ROOM_INVALID, FrameId.of("j"));
    }
  }

  @Test
  void refusesToCreateARoomThatExistsInAnotherLetterCase() {
    String room = Names.room("Exists");
    try (var first = RawClient.login(server.address(), Names.nick("first"));
        var second = RawClient.login(server.address(), Names.nick("second"))) {
      first.sendFrame("create", "room", room);
      first.expect(ServerFrame.Joined.class);

      second.sendFrame("create", "id", 2, "room", room.toUpperCase(), "topic", "mine");
      second.expectError(ErrorCode.ROOM_EXISTS, FrameId.of(2));
      first.sendFrame("create", "id", 3, "room", room.toLowerCase());
      first.expectError(ErrorCode.ROOM_EXISTS, FrameId.of(3));
    }
  }

  @Test
  void keepsARoomsNameAsFirstCreated() {
    String room = Names.room("MixedCase");
    try (var creator = RawClient.login(server.address(), Names.nick("mixed"));
        var joiner = RawClient.login(server.address(), Names.nick("lower"))) {
      creator.sendFrame("create", "room", room);
      creator.expect(ServerFrame.Joined.class);

      joiner.sendFrame("join", "room", room.toLowerCase());
      assertEquals(room, joiner.expect(ServerFrame.Joined.class).room());
      joiner.sendFrame("say", "id", 1, "room", room.toUpperCase(), "text", "hi");
      assertEquals(room, joiner.expect(ServerFrame.Message.class).room());
    }
  }

  @Test
  void refusesAnInvalidTopicOnCreateAndCreatesNothing() {
    String room = Names.room("untopical");
    try (var client = RawClient.login(server.address(), Names.nick("topical"))) {
      client.sendFrame("create", "id", 1, "room", room, "topic", "   ");
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of(1));

      client.sendFrame("join", "id", 2, "room", room);
      client.expectError(ErrorCode.NO_SUCH_ROOM, FrameId.of(2));
    }
  }

  @Test
  void refusesToJoinARoomThatDoesNotExist() {
    try (var client = RawClient.login(server.address(), Names.nick("lost"))) {
      client.sendFrame("join", "id", "j", "room", Names.room("nowhere"));

      client.expectError(ErrorCode.NO_SUCH_ROOM, FrameId.of("j"));
    }
  }

  @Test
  void tellsTheMembersWhoJoins() {
    String room = Names.room("joining");
    String owner = Names.nick("owner");
    String guest = Names.nick("guest");
    try (var first = RawClient.login(server.address(), owner);
        var second = RawClient.login(server.address(), guest)) {
      first.sendFrame("create", "room", room, "topic", "welcome all");
      first.expect(ServerFrame.Joined.class);

      second.sendFrame("join", "id", "j", "room", room);
      var joined = second.expect(ServerFrame.Joined.class);
      assertEquals(FrameId.of("j"), joined.re());
      assertEquals(Set.of(owner, guest), Set.copyOf(joined.members()));
      assertEquals("welcome all", joined.topic());
      var event = first.expect(ServerFrame.MemberJoined.class);
      assertEquals(room, event.room());
      assertEquals(guest, event.nick());
      assertNotNull(event.ts());
      assertFalse(first.lastLine().contains("\"re\""), first.lastLine());
    }
  }

  @Test
  void answersAJoinOfARoomOneIsInWithJoinedAndNoReplay() {
    String room = Names.room("again");
    String nick = Names.nick("again");
    String otherNick = Names.nick("other");
    try (var client = RawClient.login(server.address(), nick);
        var other = RawClient.login(server.address(), otherNick)) {
      Rooms.enter(room, client, other);
      client.sendFrame("say", "id", 1, "room", room, "text", "one");
      client.expect(ServerFrame.Message.class);
      other.expect(ServerFrame.Message.class);

      client.sendFrame("join", "id", 2, "room", room.toUpperCase());
      var joined = client.expect(ServerFrame.Joined.class);
      assertEquals(FrameId.of(2), joined.re());
      assertEquals(0, joined.replay());
      assertEquals(Set.of(nick, otherNick), Set.copyOf(joined.members()));
      client.sendFrame("say", "id", 3, "room", room, "text", "two");
      client.expect(ServerFrame.Message.class, m -> m.seq() == 2, "seq 2, nothing before");
      // the room handled the join before this post: a member_joined would have come first
      other.expectFrame(
          frame -> frame instanceof ServerFrame.Message m && m.seq() == 2, "seq 2, nothing before");
    }
  }

  @Test
  void leavesARoomAndTellsTheOthersWithReasonLeft() {
    String room = Names.room("leaving");
    String stayer = Names.nick("stayer");
    String leaver = Names.nick("leaver");
    try (var first = RawClient.login(server.address(), stayer);
        var second = RawClient.login(server.address(), leaver)) {
      Rooms.enter(room, first, second);

      second.sendFrame("leave", "id", "l", "room", room);
      var left = second.expect(ServerFrame.Left.class);
      assertEquals(FrameId.of("l"), left.re());
      assertEquals(room, left.room());
      var event = first.expect(ServerFrame.MemberLeft.class);
      assertEquals(room, event.room());
      assertEquals(leaver, event.nick());
      assertEquals(DepartureReason.LEFT, event.reason());
      assertNotNull(event.ts());
      second.sendFrame("say", "id", "s", "room", room, "text", "still here?");
      second.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("s"));
    }
  }

  @Test
  void refusesToLeaveARoomOneIsNotIn() {
    String room = Names.room("notin");
    try (var owner = RawClient.login(server.address(), Names.nick("owner"));
        var client = RawClient.login(server.address(), Names.nick("outsider"))) {
      Rooms.enter(room, owner);

      client.sendFrame("leave", "id", "l", "room", room);
      client.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("l"));
      client.sendFrame("leave", "id", "n", "room", Names.room("nowhere"));
      client.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("n"));
    }
  }

  @Test
  void refusesToSayInARoomOneIsNotIn() {
    String room = Names.room("closed");
    try (var owner = RawClient.login(server.address(), Names.nick("owner"));
        var client = RawClient.login(server.address(), Names.nick("outsider"))) {
      Rooms.enter(room, owner);

      client.sendFrame("say", "id", 1, "room", room, "text", "let me in");
      client.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of(1));
      owner.sendFrame("ping", "id", 2);
      owner.expectPong(FrameId.of(2));
    }
  }

  @Test
  void deliversAMessageToEveryMemberWithReOnlyOnTheSendersCopy() {
    String room = Names.room("talk");
    String sender = Names.nick("sender");
    try (var first = RawClient.login(server.address(), sender);
        var second = RawClient.login(server.address(), Names.nick("reader"))) {
      Rooms.enter(room, first, second);

      first.sendFrame("say", "id", "m1", "room", room, "text", "hello\n\tworld");
      var own = first.expect(ServerFrame.Message.class);
      var theirs = second.expect(ServerFrame.Message.class);
      assertFalse(second.lastLine().contains("\"re\""), second.lastLine());
      assertEquals(FrameId.of("m1"), own.re());
      assertNull(own.replay());
      assertEquals(1, own.seq());
      assertEquals(sender, own.from());
      assertEquals("hello\n\tworld", own.text());
      assertEquals(
          new ServerFrame.Message(null, room, 1, sender, "hello\n\tworld", own.ts(), null), theirs);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"", " ", "\n\t  \n", "\u00a0", "\u2007\u202f", " \u00a0\n"})
  void refusesBlankTextNoBreakSpacesIncludedAsInvalidAndPostsNothing(String text) {
    String room = Names.room("blank");
    try (var client = RawClient.login(server.address(), Names.nick("blank"))) {
      Rooms.enter(room, client);

      client.sendFrame("say", "id", "b", "room", room, "text", text);
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of("b"));
      client.sendFrame("history", "id", "h", "room", room);
      assertEquals(0, client.expect(ServerFrame.HistoryEnd.class).count());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"\u0007", "\r", "\u0000", "\u001b[31m", "\u007f", "\u0085"})
  void refusesTextWithAControlCharacterAsInvalid(String control) {
    String room = Names.room("control");
    try (var client = RawClient.login(server.address(), Names.nick("control"))) {
      Rooms.enter(room, client);

      client.sendFrame("say", "id", "c", "room", room, "text", "bell " + control + " here");
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of("c"));
    }
  }

  @Test
  void refusesTextLongerThanTheLimit() {
    String room = Names.room("long");
    try (var client = RawClient.login(server.address(), Names.nick("long"))) {
      Rooms.enter(room, client);

      client.sendFrame("say", "id", "l", "room", room, "text", "x".repeat(4001));
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of("l"));
    }
  }

  @Test
  void acceptsTextOfTheLimitCountedInCodePoints() {
    String room = Names.room("limit");
    String text = "\uD83D\uDE00".repeat(4000);
    try (var client = RawClient.login(server.address(), Names.nick("limit"))) {
      Rooms.enter(room, client);

      client.sendFrame("say", "id", "e", "room", room, "text", text);
      assertEquals(text, client.expect(ServerFrame.Message.class).text());
    }
  }

  @Test
  void tellsEveryMemberANewTopicWithReOnlyOnTheSettersCopy() {
    String room = Names.room("topics");
    String setter = Names.nick("setter");
    try (var first = RawClient.login(server.address(), setter);
        var second = RawClient.login(server.address(), Names.nick("member"))) {
      Rooms.enter(room, first, second);

      first.sendFrame("topic", "id", 7, "room", room, "topic", "new and shiny");
      var own = first.expect(ServerFrame.Topic.class);
      assertEquals(FrameId.of(7), own.re());
      assertEquals(room, own.room());
      assertEquals("new and shiny", own.topic());
      assertEquals(setter, own.by());
      assertNotNull(own.ts());
      var theirs = second.expect(ServerFrame.Topic.class);
      assertFalse(second.lastLine().contains("\"re\""), second.lastLine());
      assertEquals(new ServerFrame.Topic(null, room, "new and shiny", setter, own.ts()), theirs);
    }
  }

  @Test
  void refusesATopicInARoomOneIsNotIn() {
    String room = Names.room("notopic");
    try (var owner = RawClient.login(server.address(), Names.nick("owner"));
        var client = RawClient.login(server.address(), Names.nick("outsider"))) {
      Rooms.enter(room, owner);

      client.sendFrame("topic", "id", "t", "room", room, "topic", "mine now");
      client.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("t"));
    }
  }

  @Test
  void refusesAnInvalidTopic() {
    String room = Names.room("badtopic");
    try (var client = RawClient.login(server.address(), Names.nick("badtopic"))) {
      Rooms.enter(room, client);

      client.sendFrame("topic", "id", "t", "room", room, "topic", "bad\u0007topic");
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of("t"));
      client.sendFrame("topic", "id", "u", "room", room, "topic", "y".repeat(4001));
      client.expectError(ErrorCode.TEXT_INVALID, FrameId.of("u"));
    }
  }

  @Test
  void listsTheRoomsWithTheirMembersAndTopics() {
    String room = Names.room("Listed");
    try (var first = RawClient.login(server.address(), Names.nick("lister"));
        var second = RawClient.login(server.address(), Names.nick("member"))) {
      first.sendFrame("create", "room", room, "topic", "on the list");
      first.expect(ServerFrame.Joined.class);
      second.sendFrame("join", "room", room);
      second.expect(ServerFrame.Joined.class);
      first.expect(ServerFrame.MemberJoined.class);

      first.sendFrame("rooms", "id", "r");
      var list = first.expect(ServerFrame.RoomList.class);
      assertEquals(FrameId.of("r"), list.re());
      assertTrue(
          list.rooms().contains(new ServerFrame.RoomSummary(room, 2, "on the list")),
          "rooms: " + list.rooms());
      assertTrue(
          list.rooms().stream().anyMatch(summary -> summary.room().equals("lobby")),
          "rooms: " + list.rooms());
    }
  }

  @Test
  void listsARoomsMembersWithWho() {
    String room = Names.room("who");
    String owner = Names.nick("owner");
    String member = Names.nick("member");
    try (var first = RawClient.login(server.address(), owner);
        var second = RawClient.login(server.address(), member);
        var outsider = RawClient.login(server.address(), Names.nick("outsider"))) {
      Rooms.enter(room, first, second);

      outsider.sendFrame("who", "id", "w", "room", room.toUpperCase());
      var members = outsider.expect(ServerFrame.Members.class);
      assertEquals(FrameId.of("w"), members.re());
      assertEquals(room, members.room());
      assertEquals(Set.of(owner, member), Set.copyOf(members.members()));
    }
  }

  @Test
  void refusesWhoForARoomThatDoesNotExist() {
    try (var client = RawClient.login(server.address(), Names.nick("who"))) {
      client.sendFrame("who", "id", 3, "room", Names.room("nowhere"));

      client.expectError(ErrorCode.NO_SUCH_ROOM, FrameId.of(3));
    }
  }

  @Test
  void saysByeToAQuitAndTellsTheOthersWithReasonQuit() {
    String room = Names.room("quitting");
    String quitter = Names.nick("quitter");
    try (var first = RawClient.login(server.address(), Names.nick("stayer"));
        var second = RawClient.login(server.address(), quitter)) {
      Rooms.enter(room, first, second);

      second.sendFrame("quit", "id", "q", "text", "bye all");
      second.expectBye(DepartureReason.QUIT);
      var event = first.expect(ServerFrame.MemberLeft.class);
      assertEquals(room, event.room());
      assertEquals(quitter, event.nick());
      assertEquals(DepartureReason.QUIT, event.reason());
    }
  }

  @Test
  void answersAQuitWithAByeThatCarriesItsIdAsRe() {
    try (var client = RawClient.login(server.address(), Names.nick("quitre"))) {
      client.sendFrame("quit", "id", "q");

      client.expectBye(DepartureReason.QUIT);
      assertTrue(client.lastLine().contains("\"re\":\"q\""), client.lastLine());
    }
  }

  @Test
  void answersAQuitWithoutIdWithAByeWithoutRe() {
    try (var client = RawClient.login(server.address(), Names.nick("quitnore"))) {
      client.sendFrame("quit");

      client.expectBye(DepartureReason.QUIT);
      assertFalse(client.lastLine().contains("\"re\""), client.lastLine());
    }
  }

  @Test
  void answersAndSaysByeToAClientThatStopsSendingAfterItsQuit() {
    try (var client = RawClient.login(server.address(), Names.nick("scripted"))) {
      client.sendLine(client.frame("ping", "id", "p") + "\n" + client.frame("quit", "id", "q"));
      client.stopSending();

      client.expectPong(FrameId.of("p"));
      client.expectBye(DepartureReason.QUIT);
    }
  }

  @Test
  void answersAClientThatStopsSendingWhatItAskedLastBeforeItGoes() {
    String room = Names.room("scripted");
    String scripted = Names.nick("scripted");
    try (var watcher = RawClient.login(server.address(), Names.nick("watcher"));
        var client = RawClient.login(server.address(), scripted)) {
      Rooms.enter(room, watcher, client);

      client.sendLine(
          client.frame("say", "id", "s", "room", room, "text", "last words")
              + "\n"
              + client.frame("rooms", "id", "r"));
      client.stopSending();

      client.expect(ServerFrame.Message.class, m -> FrameId.of("s").equals(m.re()), "the echo");
      client.expect(ServerFrame.RoomList.class, list -> FrameId.of("r").equals(list.re()), "");
      client.expectClosed();
      watcher.expect(ServerFrame.Message.class, m -> m.text().equals("last words"), "");
      var left = watcher.expect(ServerFrame.MemberLeft.class);
      assertEquals(scripted, left.nick());
      assertEquals(DepartureReason.DISCONNECTED, left.reason());
    }
  }

  @Test
  void tellsTheOthersWithReasonDisconnectedWhenAConnectionDrops() {
    String room = Names.room("dropping");
    String dropper = Names.nick("dropper");
    try (var first = RawClient.login(server.address(), Names.nick("stayer"));
        var second = RawClient.login(server.address(), dropper)) {
      Rooms.enter(room, first, second);

      second.drop();
      var event = first.expect(ServerFrame.MemberLeft.class);
      assertEquals(room, event.room());
      assertEquals(dropper, event.nick());
      assertEquals(DepartureReason.DISCONNECTED, event.reason());
    }
  }

  @Test
  void echoesStringAndIntegerIdsAsRe() {
    try (var client = RawClient.login(server.address(), Names.nick("ids"))) {
      client.sendFrame("ping", "id", 42);
      client.expectPong(FrameId.of(42));
      assertTrue(client.lastLine().contains("\"re\":42"), client.lastLine());

      client.sendFrame("ping", "id", "forty-two");
      client.expectPong(FrameId.of("forty-two"));
      assertTrue(client.lastLine().contains("\"re\":\"forty-two\""), client.lastLine());

      client.sendFrame("ping", "id", -9007199254740993L);
      client.expectPong(FrameId.of(-9007199254740993L));

      client.sendFrame("ping", "id", "x".repeat(64));
      client.expectPong(FrameId.of("x".repeat(64)));

      client.sendFrame("join", "id", 7, "room", Names.room("nowhere"));
      client.expectError(ErrorCode.NO_SUCH_ROOM, FrameId.of(7));

      client.sendFrame("ping");
      client.expect(ServerFrame.Pong.class, pong -> pong.re() == null, "without re");
      assertFalse(client.lastLine().contains("\"re\""), client.lastLine());
    }
  }
}
