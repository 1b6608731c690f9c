package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JoinedRoomTest {

  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  private final JoinedRoom room = new JoinedRoom("lobby");

  private static ServerFrame.Message message(long seq) {
    return new ServerFrame.Message(null, "lobby", seq, "bob", "m" + seq, T0.plusSeconds(seq), null);
  }

  private static ServerFrame.Message replayed(long seq, Instant ts) {
    return new ServerFrame.Message(null, "lobby", seq, "bob", "m" + seq, ts, true);
  }

  private static JoinedRoom.SeqRange range(long from, long to) {
    return new JoinedRoom.SeqRange(from, to);
  }

  @Test
  void aGapIsFilledInBatchesInOrder() {
    room.addGap(range(5, 10));
    assertEquals(
        new ClientFrame.History(FrameId.of(1), "lobby", null, 4L, 3),
        room.startFill(FrameId.of(1), 3));
    for (long seq = 5; seq <= 7; seq++) {
      assertEquals(new JoinedRoom.FillStep(true, Optional.empty()), room.fillMessage(message(seq)));
    }
    assertEquals(Optional.empty(), room.fillEnded());
    assertTrue(room.needsFill());
    assertEquals(
        new ClientFrame.History(FrameId.of(2), "lobby", null, 7L, 3),
        room.startFill(FrameId.of(2), 3));
    for (long seq = 8; seq <= 10; seq++) {
      assertTrue(room.fillMessage(message(seq)).show());
    }
    assertEquals(Optional.empty(), room.fillEnded());
    assertFalse(room.needsFill());
  }

  @Test
  void aGapOfWhichNothingCameBackIsLost() {
    room.addGap(range(5, 10));
    room.startFill(FrameId.of(1), 500);
    assertEquals(Optional.of(range(5, 10)), room.fillEnded());
    assertFalse(room.needsFill());
  }

  @Test
  void messagesMissingAtTheStartOfAFillAreReportedLost() {
    room.addGap(range(5, 10));
    room.startFill(FrameId.of(1), 500);
    assertEquals(
        new JoinedRoom.FillStep(true, Optional.of(range(5, 7))), room.fillMessage(message(8)));
  }

  @Test
  void messagesBeyondTheGapAreNotShownAgain() {
    room.addGap(range(5, 6));
    room.startFill(FrameId.of(1), 500);
    room.fillMessage(message(5));
    room.fillMessage(message(6));
    assertFalse(room.fillMessage(message(7)).show());
  }

  @Test
  void onlyOneFillIsInFlightAtATime() {
    room.addGap(range(5, 6));
    room.addGap(range(9, 9));
    room.startFill(FrameId.of(1), 500);
    assertFalse(room.needsFill());
    room.fillMessage(message(5));
    room.fillMessage(message(6));
    room.fillEnded();
    assertEquals(
        new ClientFrame.History(FrameId.of(2), "lobby", null, 8L, 1),
        room.startFill(FrameId.of(2), 500));
  }

  @Test
  void aFillCutByALostConnectionResumesWhereItStopped() {
    room.addGap(range(5, 10));
    room.startFill(FrameId.of(1), 500);
    room.fillMessage(message(5));
    room.linkLost();
    assertTrue(room.needsFill());
    assertEquals(
        new ClientFrame.History(FrameId.of(2), "lobby", null, 5L, 5),
        room.startFill(FrameId.of(2), 500));
  }

  @Test
  void aReplayedMessageAlreadyShownIsRecognised() {
    room.shown(message(10));
    assertTrue(room.alreadyShown(replayed(9, T0.plusSeconds(9))));
    assertTrue(room.alreadyShown(replayed(10, T0.plusSeconds(10))));
    assertFalse(room.alreadyShown(replayed(11, T0.plusSeconds(11))));
  }

  @Test
  void aServerThatRestartedWithoutHistoryNumbersAnewButLater() {
    room.shown(message(10));
    assertFalse(room.alreadyShown(replayed(1, T0.plusSeconds(60))));
  }

  @Test
  void messagesMissedWhileAwayAreAGap() {
    room.shown(message(10));
    room.joined("lobby", 2);
    room.takeReplay();
    assertEquals(Optional.of(range(11, 14)), room.missedBefore(replayed(15, T0.plusSeconds(15))));
    room.joined("lobby", 1);
    room.takeReplay();
    assertEquals(Optional.empty(), room.missedBefore(replayed(11, T0.plusSeconds(11))));
    var fresh = new JoinedRoom("dev");
    fresh.joined("dev", 1);
    fresh.takeReplay();
    assertEquals(Optional.empty(), fresh.missedBefore(replayed(15, T0.plusSeconds(15))));
  }

  @Test
  void aHoleAfterTheFirstMessageOfAReplayIsNoGap() {
    room.shown(message(10));
    room.joined("lobby", 3);
    room.takeReplay();
    assertTrue(room.alreadyShown(replayed(10, T0.plusSeconds(10))));
    room.takeReplay();
    // 11 and 12 were withheld: their sender is blocked
    assertEquals(Optional.empty(), room.missedBefore(replayed(13, T0.plusSeconds(13))));
  }

  @Test
  void aHoleAfterWhatCameBackOfAGapIsNotLost() {
    room.addGap(range(5, 10));
    room.startFill(FrameId.of(1), 500);
    assertEquals(new JoinedRoom.FillStep(true, Optional.empty()), room.fillMessage(message(5)));
    // 6 and 7 were withheld: their sender is blocked
    assertEquals(new JoinedRoom.FillStep(true, Optional.empty()), room.fillMessage(message(8)));
    assertEquals(Optional.empty(), room.fillEnded());
    assertEquals(
        new ClientFrame.History(FrameId.of(2), "lobby", null, 8L, 2),
        room.startFill(FrameId.of(2), 500));
  }

  @Test
  void aRestOfAGapThatNeverComesBackAfterAFirstPartIsNotLost() {
    room.addGap(range(5, 10));
    room.startFill(FrameId.of(1), 3);
    room.fillMessage(message(5));
    room.fillMessage(message(6));
    assertEquals(Optional.empty(), room.fillEnded());
    room.startFill(FrameId.of(2), 3);
    assertEquals(Optional.empty(), room.fillEnded());
    assertFalse(room.needsFill());
    room.addGap(range(20, 21));
    room.startFill(FrameId.of(3), 3);
    assertEquals(Optional.of(range(20, 21)), room.fillEnded());
  }

  @Test
  void theReplayAnnouncedByJoinedIsCounted() {
    assertFalse(room.joined("Lobby", 2));
    assertTrue(room.takeReplay());
    assertTrue(room.takeReplay());
    assertFalse(room.takeReplay());
    assertTrue(room.joined("Lobby", 0));
    assertEquals("Lobby", room.name());
  }
}
