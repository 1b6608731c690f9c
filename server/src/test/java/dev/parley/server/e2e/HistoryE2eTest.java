package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** What a room remembers: the replay on join, {@code history} pages, and {@code users}. */
@ExtendWith(LogCapturingExtension.class)
class HistoryE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  @Test
  void replaysTheLatestMessagesToANewMember() {
    String room = Names.room("replay");
    String poster = Names.nick("poster");
    try (var first = RawClient.login(server.address(), poster);
        var second = RawClient.login(server.address(), Names.nick("joiner"))) {
      create(first, room);
      Posting.post(first, room, 3);

      second.sendFrame("join", "id", "j", "room", room);
      var joined = second.expect(ServerFrame.Joined.class);
      assertEquals(3, joined.replay());
      for (long seq = 1; seq <= 3; seq++) {
        var message = second.expect(ServerFrame.Message.class);
        assertEquals(FrameId.of("j"), message.re());
        assertEquals(Boolean.TRUE, message.replay());
        assertEquals(seq, message.seq());
        assertEquals(poster, message.from());
        assertEquals(Posting.text(seq), message.text());
      }
      second.sendFrame("ping", "id", "fence");
      second.expectPong(FrameId.of("fence"));
    }
  }

  @Test
  void replaysOnlyTheLatestFiftyMessages() {
    String room = Names.room("replay50");
    try (var first = RawClient.login(server.address(), Names.nick("poster"));
        var second = RawClient.login(server.address(), Names.nick("joiner"))) {
      create(first, room);
      Posting.post(first, room, 60);

      second.sendFrame("join", "id", 1, "room", room);
      var joined = second.expect(ServerFrame.Joined.class);
      assertEquals(50, joined.replay());
      assertEquals(range(11, 60), replayedSeqs(second, 50));
      second.sendFrame("ping", "id", "fence");
      second.expectPong(FrameId.of("fence"));
    }
  }

  @Test
  void holdsAPageOrAReplayOfLongMessagesWithinItsBoundAndGoesOnWithTheNext() {
    long bound = 256 * 1024;
    int count = 12;
    String room = Names.room("long");
    try (var client = RawClient.login(server.address(), Names.nick("reader"));
        var joiner = RawClient.login(server.address(), Names.nick("joiner"))) {
      create(client, room);
      // some 16 KB each on the wire: twelve of them are more than the bound
      Posting.post(client, room, 1, count, n -> n + " " + "\uD83D\uDE00".repeat(3990));

      client.sendFrame("history", "id", "h", "room", room, "limit", count);
      var latest = answer(client, count);
      assertTrue(latest.bytes() <= bound, latest.toString());
      assertTrue(latest.seqs().size() < count, latest.toString());
      assertEquals(range(count - latest.seqs().size() + 1, count), latest.seqs());
      long oldest = latest.seqs().get(0);
      client.sendFrame("history", "id", "h", "room", room, "before_seq", oldest, "limit", count);
      assertEquals(range(1, oldest - 1), answer(client, count).seqs());

      joiner.sendFrame("join", "id", "h", "room", room);
      var replay = answer(joiner, joiner.expect(ServerFrame.Joined.class).replay());
      assertTrue(replay.bytes() <= bound, replay.toString());
      assertEquals(latest.seqs(), replay.seqs());
    }
  }

  /** The seqs of the messages of an answer and the bytes they took on the wire. */
  private record Answer(List<Long> seqs, long bytes) {}

  /**
   * The up to {@code most} messages of an answer to id {@code h}, through its history_end if any.
   */
  private static Answer answer(RawClient client, int most) {
    var seqs = new ArrayList<Long>();
    long bytes = 0;
    while (seqs.size() < most) {
      var frame = client.next();
      if (frame instanceof ServerFrame.HistoryEnd end) {
        assertEquals(seqs.size(), end.count());
        return new Answer(seqs, bytes);
      }
      assertTrue(
          frame instanceof ServerFrame.Message message && FrameId.of("h").equals(message.re()),
          client.lastLine());
      seqs.add(((ServerFrame.Message) frame).seq());
      bytes += client.lastLine().getBytes(UTF_8).length + 1;
    }
    return new Answer(seqs, bytes);
  }

  @Test
  void fillsAReplayAndAHistoryPageWithTheMessagesOfOthersThanTheBlocked() {
    String bobNick = Names.nick("bob");
    String room = Names.room("page");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick);
        var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      Rooms.enter(room, bob, carol);
      for (String n : List.of("1", "2", "3")) {
        carol.sendFrame("say", "room", room, "text", "carol " + n);
        carol.expect(ServerFrame.Message.class);
        bob.expect(ServerFrame.Message.class);
        bob.sendFrame("say", "room", room, "text", "bob " + n);
        bob.expect(ServerFrame.Message.class);
        carol.expect(ServerFrame.Message.class);
      }
      // more of bob than a join replays: carol's are older than the latest fifty
      Posting.post(bob, room, 7, 50, n -> "bob again");
      alice.sendFrame("block", "nick", bobNick);
      alice.expect(ServerFrame.Ok.class);
      alice.sendFrame("join", "room", room);
      assertEquals(3, alice.expect(ServerFrame.Joined.class).replay());
      for (String n : List.of("1", "2", "3")) {
        assertEquals("carol " + n, alice.expect(ServerFrame.Message.class).text());
      }

      alice.sendFrame("history", "id", "h", "room", room, "limit", 3);
      var page = new ArrayList<String>();
      for (int i = 0; i < 3; i++) {
        page.add(alice.expect(ServerFrame.Message.class).text());
      }
      assertEquals(List.of("carol 1", "carol 2", "carol 3"), page);
      assertEquals(3, alice.expect(ServerFrame.HistoryEnd.class).count());
    }
  }

  @Test
  void returnsTheLatestMessagesWhenHistoryNamesNoSeq() {
    String room = Names.room("latest");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);
      Posting.post(client, room, 12);

      client.sendFrame("history", "id", "h", "room", room, "limit", 5);
      assertEquals(range(8, 12), historyPage(client, room, FrameId.of("h")));
    }
  }

  @Test
  void returnsFiftyMessagesWhenHistoryNamesNoLimit() {
    String room = Names.room("page");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);
      Posting.post(client, room, 70);

      client.sendFrame("history", "id", "h", "room", room);
      assertEquals(range(21, 70), historyPage(client, room, FrameId.of("h")));
    }
  }

  @Test
  void returnsTheMessagesBeforeASeq() {
    String room = Names.room("before");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);
      Posting.post(client, room, 20);

      client.sendFrame("history", "id", 1, "room", room, "before_seq", 10, "limit", 3);
      assertEquals(range(7, 9), historyPage(client, room, FrameId.of(1)));
      client.sendFrame("history", "id", 2, "room", room, "before_seq", 3);
      assertEquals(range(1, 2), historyPage(client, room, FrameId.of(2)));
    }
  }

  @Test
  void returnsTheMessagesAfterASeq() {
    String room = Names.room("after");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);
      Posting.post(client, room, 20);

      client.sendFrame("history", "id", 1, "room", room, "after_seq", 10, "limit", 3);
      assertEquals(range(11, 13), historyPage(client, room, FrameId.of(1)));
      client.sendFrame("history", "id", 2, "room", room, "after_seq", 0, "limit", 2);
      assertEquals(range(1, 2), historyPage(client, room, FrameId.of(2)));
      client.sendFrame("history", "id", 3, "room", room, "after_seq", 20);
      assertEquals(List.of(), historyPage(client, room, FrameId.of(3)));
    }
  }

  @Test
  void returnsAtMostFiveHundredMessagesWhateverTheLimit() {
    String room = Names.room("cap");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);
      Posting.post(client, room, 510);

      client.sendFrame("history", "id", "h", "room", room, "after_seq", 0, "limit", 100000);
      assertEquals(range(1, 500), historyPage(client, room, FrameId.of("h")));
    }
  }

  @Test
  void refusesHistoryWithBothBeforeAndAfter() {
    String room = Names.room("both");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);

      client.sendFrame("history", "id", "b", "room", room, "before_seq", 5, "after_seq", 1);
      var error = client.expectError(ErrorCode.BAD_REQUEST, FrameId.of("b"));
      assertTrue(error.message().contains("before_seq"), error.message());
    }
  }

  @Test
  void refusesHistoryWithALimitBelowOne() {
    String room = Names.room("zero");
    try (var client = RawClient.login(server.address(), Names.nick("reader"))) {
      create(client, room);

      client.sendFrame("history", "id", "z", "room", room, "limit", 0);
      var error = client.expectError(ErrorCode.BAD_REQUEST, FrameId.of("z"));
      assertTrue(error.message().contains("limit"), error.message());
    }
  }

  @Test
  void refusesHistoryOfARoomOneIsNotIn() {
    String room = Names.room("private");
    try (var owner = RawClient.login(server.address(), Names.nick("owner"));
        var client = RawClient.login(server.address(), Names.nick("outsider"))) {
      create(owner, room);
      Posting.post(owner, room, 2);

      client.sendFrame("history", "id", "n", "room", room);
      client.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of("n"));
    }
  }

  @Test
  void listsTheUsersOnline() {
    String first = Names.nick("online");
    String second = Names.nick("online");
    try (var client = RawClient.login(server.address(), first);
        var other = RawClient.login(server.address(), second)) {
      for (var asking : List.of(client, other)) {
        asking.sendFrame("users", "id", "u");

        var users = asking.expect(ServerFrame.Users.class);
        assertEquals(FrameId.of("u"), users.re());
        for (String nick : List.of(first, second)) {
          var user = find(users, nick).orElseThrow(() -> new AssertionError(nick + " missing"));
          assertTrue(user.online(), nick + " online");
          assertNotNull(user.lastSeen());
        }
      }
    }
  }

  @Test
  void listsAUserWhoLeftOnlyWhenAskedWithSinceS() {
    String stayer = Names.nick("stayer");
    String leaver = Names.nick("leaver");
    try (var client = RawClient.login(server.address(), stayer)) {
      try (var gone = RawClient.login(server.address(), leaver)) {
        gone.sendFrame("quit");
        gone.expectBye(DepartureReason.QUIT);
      }

      client.sendFrame("users", "id", 1);
      assertFalse(find(client.expect(ServerFrame.Users.class), leaver).isPresent());
      client.sendFrame("users", "id", 2, "since_s", 600);
      var users = client.expect(ServerFrame.Users.class);
      var user = find(users, leaver).orElseThrow(() -> new AssertionError(users.toString()));
      assertFalse(user.online());
      assertNotNull(user.lastSeen());
      assertTrue(find(users, stayer).orElseThrow().online());
    }
  }

  @Test
  void answersUsersAskedForTheLargestSinceS() {
    String nick = Names.nick("ancient");
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("users", "id", "u", "since_s", Long.MAX_VALUE);

      var users = client.expect(ServerFrame.Users.class);
      assertEquals(FrameId.of("u"), users.re());
      assertTrue(find(users, nick).isPresent(), users.toString());
      client.sendFrame("ping", "id", "p");
      client.expectPong(FrameId.of("p"));
    }
  }

  private static void create(RawClient client, String room) {
    client.sendFrame("create", "room", room);
    client.expect(ServerFrame.Joined.class);
  }

  private static List<Long> replayedSeqs(RawClient client, int count) {
    var seqs = new ArrayList<Long>();
    for (int i = 0; i < count; i++) {
      var message =
          client.expect(ServerFrame.Message.class, m -> Boolean.TRUE.equals(m.replay()), "replay");
      seqs.add(message.seq());
    }
    return seqs;
  }

  /** The seqs of one history answer, which must carry {@code re} on every frame of it. */
  private static List<Long> historyPage(RawClient client, String room, FrameId re) {
    var seqs = new ArrayList<Long>();
    while (true) {
      var frame = client.next();
      if (frame instanceof ServerFrame.HistoryEnd end) {
        assertEquals(new ServerFrame.HistoryEnd(re, room, seqs.size()), end);
        return seqs;
      }
      assertTrue(frame instanceof ServerFrame.Message, "a message: " + client.lastLine());
      var message = (ServerFrame.Message) frame;
      assertEquals(re, message.re(), client.lastLine());
      assertEquals(Boolean.TRUE, message.replay(), client.lastLine());
      assertEquals(room, message.room());
      assertEquals(Posting.text(message.seq()), message.text());
      seqs.add(message.seq());
    }
  }

  private static Optional<ServerFrame.UserPresence> find(ServerFrame.Users users, String nick) {
    return users.users().stream().filter(user -> user.nick().equals(nick)).findFirst();
  }

  private static List<Long> range(long first, long last) {
    return LongStream.rangeClosed(first, last).boxed().toList();
  }
}
