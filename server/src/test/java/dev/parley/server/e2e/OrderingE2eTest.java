package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every member sees one order of a room's messages, each message once, whoever posts when; and each
 * answer a client gets reflects every frame of it that was answered before.
 */
@ExtendWith(LogCapturingExtension.class)
class OrderingE2eTest {

  // a stale answer shows in about one round of five: twenty make a miss all but certain
  private static final int ROUNDS = 20;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  /** What a member sees of a message; its own copy differs only by {@code re}. */
  private record Seen(long seq, String from, String text) {}

  @Test
  void showsTwoMembersWhoPostAtOnceTheSameOrder() {
    int perPoster = 200;
    String room = Names.room("together");
    String firstNick = Names.nick("first");
    String secondNick = Names.nick("second");
    try (var first = RawClient.login(server.address(), firstNick);
        var second = RawClient.login(server.address(), secondNick)) {
      Rooms.enter(room, first, second);

      var firstBurst = new StringBuilder();
      var secondBurst = new StringBuilder();
      for (int i = 1; i <= perPoster; i++) {
        firstBurst.append(first.frame("say", "id", i, "room", room, "text", "a" + i)).append('\n');
        secondBurst.append(second.frame("say", "id", i, "room", room, "text", "b" + i));
        secondBurst.append('\n');
      }
      first.sendBytes(firstBurst.toString().getBytes(UTF_8));
      second.sendBytes(secondBurst.toString().getBytes(UTF_8));

      List<Seen> seenByFirst = messages(first, firstNick, 2 * perPoster);
      List<Seen> seenBySecond = messages(second, secondNick, 2 * perPoster);
      assertEquals(seenByFirst, seenBySecond);
      for (int i = 0; i < seenByFirst.size(); i++) {
        assertEquals(i + 1, seenByFirst.get(i).seq(), "seq rises by one: " + seenByFirst.get(i));
      }
      assertEquals(postedInOrder(seenByFirst, firstNick, "a"), texts("a", perPoster));
      assertEquals(postedInOrder(seenByFirst, secondNick, "b"), texts("b", perPoster));
    }
  }

  @Test
  void deliversEachMessageOnceToAMemberWhoJoinsWhileMessagesArePosted() {
    int count = 1000;
    String room = Names.room("busy");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var joiner = RawClient.login(server.address(), Names.nick("joiner"))) {
      poster.sendFrame("create", "room", room);
      poster.expect(ServerFrame.Joined.class);
      var burst = new StringBuilder();
      for (int i = 1; i <= count; i++) {
        burst.append(poster.frame("say", "id", i, "room", room, "text", "m" + i)).append('\n');
      }
      poster.sendBytes(burst.toString().getBytes(UTF_8));
      poster.expect(ServerFrame.Message.class, m -> m.seq() == 1, "the first echo");

      joiner.sendFrame("join", "id", "j", "room", room);
      var joined = joiner.expect(ServerFrame.Joined.class);
      var seqs = new ArrayList<Long>();
      for (int i = 0; i < joined.replay(); i++) {
        var replayed =
            joiner.expect(
                ServerFrame.Message.class, m -> Boolean.TRUE.equals(m.replay()), "replay");
        assertEquals(FrameId.of("j"), replayed.re());
        seqs.add(replayed.seq());
      }
      while (seqs.isEmpty() || seqs.get(seqs.size() - 1) < count) {
        var live = joiner.expect(ServerFrame.Message.class);
        assertNull(live.replay(), joiner.lastLine());
        assertEquals("m" + live.seq(), live.text());
        seqs.add(live.seq());
      }
      for (long seq = 2; seq <= count; seq++) {
        long expected = seq;
        var frame = poster.next();
        if (frame instanceof ServerFrame.MemberJoined) {
          frame = poster.next();
        }
        assertTrue(
            frame instanceof ServerFrame.Message m && m.seq() == expected, poster.lastLine());
      }

      assertTrue(joined.replay() <= 50, "replay " + joined.replay());
      long firstSeq = seqs.get(0);
      for (int i = 0; i < seqs.size(); i++) {
        assertEquals(firstSeq + i, seqs.get(i), "no gap, no duplicate: " + seqs);
      }
      assertTrue(
          firstSeq == 1 || joined.replay() == 50,
          "the replay starts at the beginning or is the full 50: " + seqs);
    }
  }

  @Test
  void answersEveryFrameOfABurstInOrderWhileItsSaysAreStoredTogether() {
    String room = Names.room("burst");
    try (var client = RawClient.login(server.address(), Names.nick("burster"))) {
      client.sendFrame("create", "room", room);
      client.expect(ServerFrame.Joined.class);
      var burst = new StringBuilder();
      var expected = new ArrayList<FrameId>();
      for (int i = 1; i <= 300; i++) {
        if (i % 50 == 0) {
          burst.append(client.frame("say", "id", "blank" + i, "room", room, "text", " "));
          burst.append('\n').append(client.frame("ping", "id", "ping" + i)).append('\n');
          burst.append(client.frame("say", "id", "lobby" + i, "room", "lobby", "text", "x"));
          burst.append('\n');
          expected.addAll(
              List.of(FrameId.of("blank" + i), FrameId.of("ping" + i), FrameId.of("lobby" + i)));
        }
        burst.append(client.frame("say", "id", i, "room", room, "text", "m" + i)).append('\n');
        expected.add(FrameId.of(i));
      }

      client.sendBytes(burst.toString().getBytes(UTF_8));

      var answered = new ArrayList<FrameId>();
      long lastSeq = 0;
      while (answered.size() < expected.size()) {
        ServerFrame frame = client.next();
        if (frame instanceof ServerFrame.Message message && message.room().equals(room)) {
          assertEquals(lastSeq + 1, message.seq(), client.lastLine());
          lastSeq = message.seq();
          answered.add(message.re());
        } else if (frame instanceof ServerFrame.Message message && message.re() != null) {
          answered.add(message.re());
        } else if (frame instanceof ServerFrame.Error error) {
          assertEquals(ErrorCode.TEXT_INVALID, error.code());
          answered.add(error.re());
        } else if (frame instanceof ServerFrame.Pong pong) {
          answered.add(pong.re());
        }
      }
      assertEquals(expected, answered);
    }
  }

  @Test
  void tellsOfAMemberWhoDroppedTheConnectionAfterTheMessagesItSentBefore() {
    int says = 5;
    for (int round = 0; round < 5; round++) {
      String room = Names.room("parting");
      String leaverNick = Names.nick("dropper");
      try (var watcher = RawClient.login(server.address(), Names.nick("watcher"));
          var leaver = RawClient.login(server.address(), leaverNick)) {
        Rooms.enter(room, watcher, leaver);
        var last = new StringBuilder();
        for (int i = 1; i <= says; i++) {
          last.append(leaver.frame("say", "id", i, "room", room, "text", "m" + i)).append('\n');
        }

        leaver.sendBytes(last.toString().getBytes(UTF_8));
        leaver.drop();

        for (int i = 1; i <= says; i++) {
          String text = "m" + i;
          watcher.expect(ServerFrame.Message.class, m -> m.text().equals(text), "round " + round);
        }
        watcher.expect(
            ServerFrame.MemberLeft.class, left -> left.nick().equals(leaverNick), "after them");
      }
    }
  }

  @Test
  void countsALeaveInTheRoomListRightAfterTheLeftAnswer() {
    String owner = Names.nick("owner");
    try (var first = RawClient.login(server.address(), owner);
        var second = RawClient.login(server.address(), Names.nick("leaver"))) {
      for (int round = 0; round < ROUNDS; round++) {
        String room = Names.room("left");
        Rooms.enter(room, first, second);

        second.sendLine(second.frame("leave", "room", room) + "\n" + second.frame("rooms"));
        second.expect(ServerFrame.Left.class);
        var list = second.expect(ServerFrame.RoomList.class);
        assertEquals(
            List.of(new ServerFrame.RoomSummary(room, 1, null)),
            list.rooms().stream().filter(summary -> summary.room().equals(room)).toList(),
            "round " + round);
        first.expect(ServerFrame.MemberLeft.class);
      }
    }
  }

  @Test
  void showsANewTopicInTheRoomListRightAfterTheTopicAnswer() {
    try (var client = RawClient.login(server.address(), Names.nick("topical"))) {
      String room = Names.room("topical");
      client.sendFrame("create", "room", room);
      client.expect(ServerFrame.Joined.class);
      for (int round = 0; round < ROUNDS; round++) {
        String topic = "topic of round " + round;

        client.sendLine(
            client.frame("topic", "room", room, "topic", topic) + "\n" + client.frame("rooms"));
        client.expect(ServerFrame.Topic.class);
        var list = client.expect(ServerFrame.RoomList.class);
        assertEquals(
            List.of(new ServerFrame.RoomSummary(room, 1, topic)),
            list.rooms().stream().filter(summary -> summary.room().equals(room)).toList());
      }
    }
  }

  /** The next {@code count} messages of the client, its own ones checked for their {@code re}. */
  private static List<Seen> messages(RawClient client, String nick, int count) {
    var seen = new ArrayList<Seen>();
    for (int i = 0; i < count; i++) {
      var message = client.expect(ServerFrame.Message.class);
      if (message.from().equals(nick)) {
        assertEquals(FrameId.of(Long.parseLong(message.text().substring(1))), message.re());
      } else {
        assertNull(message.re(), client.lastLine());
      }
      seen.add(new Seen(message.seq(), message.from(), message.text()));
    }
    return seen;
  }

  private static List<String> postedInOrder(List<Seen> seen, String nick, String prefix) {
    return seen.stream()
        .filter(message -> message.from().equals(nick))
        .map(Seen::text)
        .filter(text -> text.startsWith(prefix))
        .toList();
  }

  private static List<String> texts(String prefix, int count) {
    var texts = new ArrayList<String>();
    for (int i = 1; i <= count; i++) {
      texts.add(prefix + i);
    }
    return texts;
  }
}
