package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongFunction;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A member that stops reading: its room messages are dropped once its bounded queue is full, and
 * announced with {@code gap}s before anything later of the room and before a {@code bye}, while the
 * others get everything.
 */
@ExtendWith(LogCapturingExtension.class)
class SlowReaderE2eTest {

  private static final int TEXT_CHARS = 4000;
  // far more than the kernel buffers between the server and a stalled reader can hold
  private static final int MESSAGES = 2000;
  // small enough that the reader, taking them after each window, never falls behind its queue
  private static final int WINDOW = 2;
  private static final int SMALL_RECEIVE_BUFFER = 4096;
  private static final int MAX_HISTORY_PAGE = 500;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-slow-reader");

  /** A seq of the room, or a gap that stands for the seqs it names. */
  private record Run(long fromSeq, long toSeq, boolean gap) {}

  @Test
  void announcesWhatASlowReaderMissedWithAGapWhileTheOthersGetEverything() {
    String room = Names.room("slow");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var slow = RawClient.login(server.address(), Names.nick("slow"), SMALL_RECEIVE_BUFFER);
        var reader = RawClient.login(server.address(), Names.nick("reader"))) {
      enter(room, poster, slow, reader);

      postAndRead(poster, reader, room, 1, MESSAGES);

      List<Run> seen = readUntil(slow, room, MESSAGES, SlowReaderE2eTest::text);
      var gaps = seen.stream().filter(Run::gap).toList();
      assertFalse(gaps.isEmpty(), "the slow reader missed nothing: " + seen);
      assertFalse(seen.get(0).gap(), "messages come before the first gap: " + seen);

      postAndRead(poster, reader, room, MESSAGES + 1, 1);
      var later = slow.expect(ServerFrame.Message.class);
      assertEquals(MESSAGES + 1, later.seq(), "the message after the gap, live");
      assertNull(later.replay());

      for (Run gap : gaps) {
        assertEquals(
            LongStream.rangeClosed(gap.fromSeq(), gap.toSeq()).boxed().toList(),
            fetch(slow, room, gap),
            "history holds what the gap " + gap + " announced");
      }
    }
  }

  @Test
  void announcesAGapBeforeTheSlowReadersOwnLaterMessage() {
    String room = Names.room("slowpost");
    String slowNick = Names.nick("slow");
    long own = MESSAGES + 1;
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var slow = RawClient.login(server.address(), slowNick, SMALL_RECEIVE_BUFFER);
        var reader = RawClient.login(server.address(), Names.nick("reader"))) {
      enter(room, poster, slow, reader);
      postAndRead(poster, reader, room, 1, MESSAGES);

      slow.sendFrame("say", "id", "own", "room", room, "text", "still here");
      var posted = reader.expect(ServerFrame.Message.class, m -> m.from().equals(slowNick), "");
      assertEquals(own, posted.seq());
      poster.expect(ServerFrame.Message.class, m -> m.seq() == own, "seq " + own);
      postAndRead(poster, reader, room, own + 1, 3);

      List<Run> seen = readUntil(slow, room, own + 3, seq -> seq == own ? "still here" : text(seq));
      assertTrue(seen.contains(new Run(own, own, false)), "its own message: " + seen);
    }
  }

  @Test
  void saysByeToAKickedSlowReaderOnlyAfterTheGapOfWhatItMissed() {
    String room = Names.room("slowkick");
    String slowNick = Names.nick("slow");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var slow = RawClient.login(server.address(), slowNick, SMALL_RECEIVE_BUFFER);
        var reader = RawClient.login(server.address(), Names.nick("reader"))) {
      enter(room, poster, slow, reader);
      postAndRead(poster, reader, room, 1, MESSAGES);

      server.kick(slowNick, "too slow");

      List<Run> seen = readUntil(slow, room, MESSAGES, SlowReaderE2eTest::text);
      assertTrue(seen.get(seen.size() - 1).gap(), "what it missed last is a gap: " + seen);
      assertEquals("too slow", slow.expectBye(DepartureReason.KICKED).message());
    }
  }

  /** Posts {@code count} messages from seq {@code first}; the reader takes each one. */
  private static void postAndRead(
      RawClient poster, RawClient reader, String room, long first, int count) {
    for (long start = first; start < first + count; start += WINDOW) {
      int window = (int) Math.min(WINDOW, first + count - start);
      var echoes = Posting.post(poster, room, start, window, SlowReaderE2eTest::text);
      for (var echo : echoes) {
        var message = reader.expect(ServerFrame.Message.class);
        assertEquals(echo.seq(), message.seq(), "the reader gets every message, in order");
        assertEquals(echo.text(), message.text());
      }
    }
  }

  /**
   * Reads the slow client's messages and gaps of {@code room} until {@code lastSeq}; each seq must
   * come exactly once, as a message or within a gap, in order.
   */
  private static List<Run> readUntil(
      RawClient client, String room, long lastSeq, LongFunction<String> expectedText) {
    var runs = new ArrayList<Run>();
    long next = 1;
    while (next <= lastSeq) {
      var frame = client.next();
      if (frame instanceof ServerFrame.Message message && message.room().equals(room)) {
        if (message.seq() != next) {
          fail("expected seq " + next + ", or a gap from it, but got " + client.lastLine());
        }
        assertEquals(expectedText.apply(next), message.text());
        runs.add(new Run(next, next, false));
        next++;
      } else if (frame instanceof ServerFrame.Gap gap && gap.room().equals(room)) {
        assertEquals(next, gap.fromSeq(), "a gap starts where the messages stopped: " + gap);
        assertTrue(gap.toSeq() >= gap.fromSeq(), gap.toString());
        runs.add(new Run(gap.fromSeq(), gap.toSeq(), true));
        next = gap.toSeq() + 1;
      } else if (!(frame instanceof ServerFrame.MemberJoined joined
          && joined.room().equals(room))) {
        fail("expected a message or a gap of " + room + " but got " + client.lastLine());
      }
    }
    assertEquals(lastSeq + 1, next, "no seq beyond the last: " + runs.get(runs.size() - 1));
    return runs;
  }

  /** The seqs that {@code history} returns for the range of {@code gap}, page after page. */
  private static List<Long> fetch(RawClient client, String room, Run gap) {
    var seqs = new ArrayList<Long>();
    long after = gap.fromSeq() - 1;
    while (after < gap.toSeq()) {
      long limit = Math.min(MAX_HISTORY_PAGE, gap.toSeq() - after);
      client.sendFrame(
          "history", "id", "h" + after, "room", room, "after_seq", after, "limit", limit);
      while (true) {
        var frame = client.next();
        if (frame instanceof ServerFrame.HistoryEnd end) {
          assertEquals(FrameId.of("h" + after), end.re());
          break;
        }
        var message = (ServerFrame.Message) frame;
        assertEquals(text(message.seq()), message.text());
        seqs.add(message.seq());
      }
      // a page of long messages holds fewer than its limit: the next goes on from its end
      long last = seqs.isEmpty() ? after : seqs.get(seqs.size() - 1);
      assertTrue(last > after, "no page after " + after);
      after = last;
    }
    return seqs;
  }

  /** The poster creates the room; the others join; only the slow one's events stay unread. */
  private static void enter(String room, RawClient poster, RawClient slow, RawClient reader) {
    poster.sendFrame("create", "room", room);
    poster.expect(ServerFrame.Joined.class);
    slow.sendFrame("join", "room", room);
    slow.expect(ServerFrame.Joined.class);
    poster.expect(ServerFrame.MemberJoined.class);
    reader.sendFrame("join", "room", room);
    reader.expect(ServerFrame.Joined.class);
    poster.expect(ServerFrame.MemberJoined.class);
  }

  /** A message of {@code TEXT_CHARS} chars that says its seq. */
  private static String text(long seq) {
    String head = seq + ":";
    return head + "x".repeat(TEXT_CHARS - head.length());
  }
}
