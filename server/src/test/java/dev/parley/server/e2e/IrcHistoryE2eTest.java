package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.server.irc.IrcMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A room's history for IRC clients: replayed as they join (as a {@code chathistory} batch, or with
 * the time in the text), and paged with {@code CHATHISTORY} by msgid ({@code room:seq}).
 */
@ExtendWith(LogCapturingExtension.class)
class IrcHistoryE2eTest {

  private static final int POSTED = 5;

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  /** A fresh room with {@link Posting#text}(1) to (POSTED), posted by a JSON user. */
  private static String roomWithMessages() {
    String room = Names.room("hist");
    try (var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      carol.sendFrame("create", "room", room);
      carol.expect(dev.parley.protocol.ServerFrame.Joined.class);
      Posting.post(carol, room, POSTED);
    }
    return room;
  }

  private static IrcTestClient registered(String prefix, String... caps) {
    return IrcTestClient.connect(server.ircAddress()).registerWithCaps(Names.nick(prefix), caps);
  }

  /** The texts of the PRIVMSGs of {@code batch}, up to its end, which must hold only them. */
  private static List<IrcMessage> batch(IrcTestClient client, String channel) {
    var start = client.expect("BATCH", line -> line.params().get(0).startsWith("+"));
    assertEquals(List.of("chathistory", channel), start.params().subList(1, 3));
    String id = start.params().get(0).substring(1);
    var messages = new ArrayList<IrcMessage>();
    while (true) {
      var line = client.expect("PRIVMSG", "BATCH");
      if (line.command().equals("BATCH")) {
        assertEquals(List.of("-" + id), line.params());
        return messages;
      }
      assertEquals(id, line.tags().get("batch"), line.toString());
      messages.add(line);
    }
  }

  private static List<String> texts(List<IrcMessage> messages) {
    return messages.stream().map(message -> message.params().get(1)).toList();
  }

  private static List<String> posted(int from, int to) {
    var texts = new ArrayList<String>();
    for (long n = from; n <= to; n++) {
      texts.add(Posting.text(n));
    }
    return texts;
  }

  @Test
  void replaysARoomsMessagesAsABatchToAClientThatTakesBatches() {
    String room = roomWithMessages();
    String channel = "#" + room;
    try (var alice = registered("alice", "batch", "server-time")) {
      alice.send("JOIN " + channel);
      alice.expect("366", line -> line.params().get(1).equals(channel));

      var replay = batch(alice, channel);
      assertEquals(posted(1, POSTED), texts(replay));
      replay.forEach(line -> Instant.parse(line.tags().get("time")));
      assertEquals(channel, replay.get(0).params().get(0));
    }
  }

  @Test
  void stampsEachReplayedTextWithItsTimeForAClientWithoutServerTime() {
    String room = roomWithMessages();
    String channel = "#" + room;
    try (var alice = registered("alice")) {
      alice.send("JOIN " + channel);
      alice.expect("366", line -> line.params().get(1).equals(channel));

      for (String text : posted(1, POSTED)) {
        var line = alice.expect("PRIVMSG");
        assertEquals(List.of(), List.copyOf(line.tags().keySet()));
        assertTrue(line.params().get(1).matches("\\[\\d\\d:\\d\\d] " + text), line.toString());
      }
    }
  }

  @Test
  void givesTheLatestMessagesToChathistoryLatest() {
    String channel = "#" + roomWithMessages();
    try (var alice = registered("alice", "batch", "message-tags").join(channel)) {
      batch(alice, channel);

      alice.send("CHATHISTORY LATEST " + channel + " * 2");

      var latest = batch(alice, channel);
      assertEquals(posted(POSTED - 1, POSTED), texts(latest));
      assertEquals(channel.substring(1) + ":" + POSTED, latest.get(1).tags().get("msgid"));
    }
  }

  @Test
  void givesTheMessagesBeforeAMsgidToChathistoryBefore() {
    String room = roomWithMessages();
    String channel = "#" + room;
    try (var alice = registered("alice", "batch", "message-tags").join(channel)) {
      batch(alice, channel);

      alice.send("CHATHISTORY BEFORE " + channel + " msgid=" + room + ":4 2");

      assertEquals(posted(2, 3), texts(batch(alice, channel)));
    }
  }

  @Test
  void givesTheMessagesAfterAMsgidToChathistoryAfter() {
    String room = roomWithMessages();
    String channel = "#" + room;
    try (var alice = registered("alice", "batch", "message-tags").join(channel)) {
      batch(alice, channel);

      alice.send("CHATHISTORY AFTER " + channel + " msgid=" + room + ":2 2");

      assertEquals(posted(3, 4), texts(batch(alice, channel)));
    }
  }

  @Test
  void givesAnEmptyBatchWhenNoMessagesMatch() {
    String room = roomWithMessages();
    String channel = "#" + room;
    try (var alice = registered("alice", "batch").join(channel)) {
      batch(alice, channel);

      alice.send("CHATHISTORY AFTER " + channel + " msgid=" + room + ":" + POSTED + " 10");

      assertEquals(List.of(), batch(alice, channel));
    }
  }

  @Test
  void givesChathistoryWithoutABatchToAClientThatTakesNone() {
    String channel = "#" + roomWithMessages();
    try (var alice = registered("alice", "server-time").join(channel)) {
      alice.expect("PRIVMSG", line -> line.params().get(1).equals(Posting.text(POSTED)));

      alice.send("CHATHISTORY LATEST " + channel + " * 1");

      var line = alice.expect("PRIVMSG");
      assertEquals(Posting.text(POSTED), line.params().get(1));
      assertFalse(line.tags().containsKey("batch"), line.toString());
    }
  }

  @Test
  void refusesChathistoryOfAChannelNotJoined() {
    String channel = "#" + roomWithMessages();
    try (var alice = registered("alice", "batch")) {
      alice.send("CHATHISTORY LATEST " + channel + " * 10");

      var fail = alice.expect("FAIL");
      assertEquals(List.of("CHATHISTORY", "INVALID_TARGET", channel), fail.params().subList(0, 3));
    }
  }

  @Test
  void refusesAReferenceThatIsNoMsgidOfTheRoom() {
    String channel = "#" + roomWithMessages();
    try (var alice = registered("alice", "batch").join(channel)) {
      alice.send("CHATHISTORY BEFORE " + channel + " msgid=elsewhere:3 10");

      var fail = alice.expect("FAIL");
      assertEquals(List.of("CHATHISTORY", "INVALID_MSGREFTYPE"), fail.params().subList(0, 2));
    }
  }
}
