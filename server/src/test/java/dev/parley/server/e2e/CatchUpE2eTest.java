package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A client that comes back joins with the last {@code seq} it saw: its replay is exactly what came
 * after, and when that is more than a replay holds, a {@code gap} says what to fetch.
 */
@ExtendWith(LogCapturingExtension.class)
class CatchUpE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  private static long postAndSeeLast(RawClient poster, String room, int count) {
    long last = 0;
    for (int i = 0; i < count; i++) {
      poster.sendFrame("say", "room", room, "text", "while away " + i);
      last = poster.expect(ServerFrame.Message.class).seq();
    }
    return last;
  }

  private static List<Long> seqsOf(List<ServerFrame.Message> messages) {
    return messages.stream().map(ServerFrame.Message::seq).toList();
  }

  @Test
  void aReturningClientIsReplayedExactlyWhatItMissed() {
    String room = Names.room("back");
    String nick = Names.nick("back");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"))) {
      Rooms.enter(room, poster);
      long seen = postAndSeeLast(poster, room, 3);
      long last = postAndSeeLast(poster, room, 5);
      try (var back = RawClient.login(server.address(), nick)) {
        back.sendFrame("join", "room", room, "after_seq", seen);
        var joined = back.expect(ServerFrame.Joined.class);
        assertEquals(5, joined.replay());
        var replay = new ArrayList<ServerFrame.Message>();
        for (int i = 0; i < joined.replay(); i++) {
          replay.add(back.expect(ServerFrame.Message.class));
        }
        assertEquals(LongStream.rangeClosed(seen + 1, last).boxed().toList(), seqsOf(replay));

        back.sendFrame("say", "room", room, "text", "I am back");
        var live = back.expect(ServerFrame.Message.class);
        assertEquals(last + 1, live.seq(), "live messages come after the replay, none twice");
      }
    }
  }

  @Test
  void moreMissedThanAReplayHoldsIsAGapAfterTheReplay() {
    String room = Names.room("away");
    int replaySize = server.settings().rooms().replaySize();
    try (var poster = RawClient.login(server.address(), Names.nick("poster"))) {
      Rooms.enter(room, poster);
      long seen = postAndSeeLast(poster, room, 1);
      long last = postAndSeeLast(poster, room, replaySize + 7);
      try (var back = RawClient.login(server.address(), Names.nick("back"))) {
        back.sendFrame("join", "room", room, "after_seq", seen);
        var joined = back.expect(ServerFrame.Joined.class);
        assertEquals(replaySize, joined.replay());
        var replay = new ArrayList<ServerFrame.Message>();
        for (int i = 0; i < joined.replay(); i++) {
          replay.add(back.expect(ServerFrame.Message.class));
        }
        assertEquals(
            LongStream.rangeClosed(last - replaySize + 1, last).boxed().toList(), seqsOf(replay));
        var gap = back.expect(ServerFrame.Gap.class);
        assertEquals(List.of(seen + 1, last - replaySize), List.of(gap.fromSeq(), gap.toSeq()));
      }
    }
  }

  @Test
  void aSeqTheRoomNeverHadIsReplayedAsAFirstJoin() {
    String room = Names.room("forgot");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"))) {
      Rooms.enter(room, poster);
      long last = postAndSeeLast(poster, room, 2);
      try (var back = RawClient.login(server.address(), Names.nick("back"))) {
        back.sendFrame("join", "room", room, "after_seq", last + 1000);
        assertEquals(2, back.expect(ServerFrame.Joined.class).replay());
      }
    }
  }
}
