package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The node that holds a room goes away while a member on another node keeps posting, each say with
 * an id of its own and sent again with that id after {@code room_unavailable}: every acknowledged
 * message is in the history once, in order, and a member on the third node misses none. Prints how
 * long the room did not answer.
 */
@ExtendWith(LogCapturingExtension.class)
class ClusterFailoverE2eTest {

  private static final int MESSAGES = 30;
  private static final int MESSAGES_BEFORE = 10;
  private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration SHARDS_BACK_TIMEOUT = Duration.ofSeconds(90);
  private static final int OTHER_ROOMS = 10;

  private static ClusterNodes cluster;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterNodes.start(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void aKilledNodesRoomAnswersAgainWithEveryAcknowledgedMessageOnce() {
    postThroughTheLossOfTheRoomsNode("killed", "kill -9", cluster::kill);
  }

  private void postThroughTheLossOfTheRoomsNode(String room, String how, IntConsumer lose) {
    int holder;
    try (var creator = RawClient.login(cluster.address(0), room + "-creator")) {
      creator.sendFrame("create", "id", "c", "room", room);
      creator.expect(ServerFrame.Joined.class);
      holder = cluster.nodeOf(room);
    }
    int[] survivors = IntStream.range(0, cluster.size()).filter(n -> n != holder).toArray();
    try (var poster = RawClient.login(cluster.address(survivors[0]), room + "-poster");
        var reader = RawClient.login(cluster.address(survivors[1]), room + "-reader")) {
      join(poster, room);
      join(reader, room);
      // rooms enough that the node, once back, is given some of them
      for (int other = 0; other < OTHER_ROOMS; other++) {
        poster.sendFrame("create", "id", "o" + other, "room", room + other);
        skipTo(poster, ServerFrame.Joined.class);
      }
      var acknowledged = new TreeMap<Integer, Long>();
      for (int n = 1; n <= MESSAGES_BEFORE; n++) {
        acknowledged.put(n, say(poster, room, n));
      }
      long lostAt = System.nanoTime();
      lose.accept(holder);
      long firstAnsweredAt = 0;
      for (int n = MESSAGES_BEFORE + 1; n <= MESSAGES; n++) {
        acknowledged.put(n, say(poster, room, n));
        if (firstAnsweredAt == 0) {
          firstAnsweredAt = System.nanoTime();
        }
      }
      System.out.printf(
          "cluster %s of the node holding room %s: the room answered a say again after %d ms%n",
          how, room, Duration.ofNanos(firstAnsweredAt - lostAt).toMillis());

      assertHistoryHoldsEachOnceInOrder(poster, room, acknowledged);
      assertReaderMissedNone(reader, room, acknowledged);

      cluster.restart(holder);
      assertTakesRoomsAgain(holder, room);
    }
  }

  private static void join(RawClient client, String room) {
    client.sendFrame("join", "id", "j", "room", room);
    var joined = skipTo(client, ServerFrame.Joined.class);
    for (int i = 0; i < joined.replay(); i++) {
      client.expect(ServerFrame.Message.class);
    }
  }

  /** The next {@code type} frame, past the others' joins and departures. */
  private static <T extends ServerFrame> T skipTo(RawClient client, Class<T> type) {
    ServerFrame frame = client.next();
    while (!type.isInstance(frame)) {
      frame = client.next();
    }
    return type.cast(frame);
  }

  /** Says message {@code n} until it is stored; the seq it was stored with. */
  private static long say(RawClient poster, String room, int n) {
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    FrameId id = FrameId.of(n);
    poster.sendFrame("say", "id", n, "room", room, "text", "m" + n);
    while (System.nanoTime() < deadline) {
      var frame = poster.poll(Duration.ofSeconds(1));
      if (frame.isEmpty()) {
        continue;
      }
      if (frame.get() instanceof ServerFrame.Message message && id.equals(message.re())) {
        assertEquals("m" + n, message.text());
        return message.seq();
      }
      if (frame.get() instanceof ServerFrame.Error error && id.equals(error.re())) {
        assertEquals(ErrorCode.ROOM_UNAVAILABLE, error.code(), "error: " + error);
        poster.sendFrame("say", "id", n, "room", room, "text", "m" + n);
      }
    }
    return fail("say " + n + " was not stored within " + ANSWER_TIMEOUT);
  }

  private static void assertHistoryHoldsEachOnceInOrder(
      RawClient poster, String room, TreeMap<Integer, Long> acknowledged) {
    poster.sendFrame("history", "id", "h", "room", room, "after_seq", 0, "limit", 500);
    var texts = new ArrayList<String>();
    var seqs = new ArrayList<Long>();
    while (true) {
      var frame = poster.next();
      if (frame instanceof ServerFrame.Message message && Boolean.TRUE.equals(message.replay())) {
        texts.add(message.text());
        seqs.add(message.seq());
      } else if (frame instanceof ServerFrame.HistoryEnd) {
        break;
      }
    }
    var expected = IntStream.rangeClosed(1, MESSAGES).mapToObj(n -> "m" + n).toList();
    assertEquals(expected, texts, "each acknowledged message once, in order");
    assertEquals(List.copyOf(acknowledged.values()), seqs, "each with the seq it was answered");
  }

  /** The reader, on the third node, got every message: live, or told as a gap and fetched. */
  private static void assertReaderMissedNone(
      RawClient reader, String room, TreeMap<Integer, Long> acknowledged) {
    Map<Long, Integer> timesSeen = new HashMap<>();
    long deadline = System.nanoTime() + ANSWER_TIMEOUT.toNanos();
    while (timesSeen.keySet().size() < MESSAGES && System.nanoTime() < deadline) {
      var frame = reader.poll(Duration.ofSeconds(1));
      if (frame.isEmpty()) {
        continue;
      }
      if (frame.get() instanceof ServerFrame.Message message && message.room().equals(room)) {
        if (message.replay() == null) {
          timesSeen.merge(message.seq(), 1, Integer::sum);
        } else {
          timesSeen.putIfAbsent(message.seq(), 1);
        }
      } else if (frame.get() instanceof ServerFrame.Gap gap && gap.room().equals(room)) {
        reader.sendFrame("history", "room", room, "after_seq", gap.fromSeq() - 1, "limit", 500);
      }
    }
    assertEquals(
        List.copyOf(acknowledged.values()),
        List.copyOf(new TreeMap<>(timesSeen).keySet()),
        "the reader's messages");
    timesSeen.forEach(
        (seq, times) -> assertEquals(1, times, "message " + seq + " reached the reader once"));
  }

  private static void assertTakesRoomsAgain(int node, String room) {
    long deadline = System.nanoTime() + SHARDS_BACK_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (cluster.hasLogged(node, "starts on this node")) {
        return;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted");
      }
    }
    assertTrue(
        false, "node " + node + " took no room within " + SHARDS_BACK_TIMEOUT + " of its restart");
  }
}
