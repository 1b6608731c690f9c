package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.FrameCodec;
import java.time.Duration;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class OutgoingQueueTest {

  private static final Duration CATCH_UP = Duration.ofSeconds(2);

  // what the queue handed to the connection and the connection has not taken yet
  private long handedOver;
  private long now;
  // drops what does not fit at once, as a reader beyond its bound for longer than its catch-up
  private final OutgoingQueue queue = queue(Duration.ZERO);
  private final OutgoingQueue bursting = queue(CATCH_UP);

  private OutgoingQueue queue(Duration catchUp) {
    return new OutgoingQueue(
        10, 100, catchUp, new JsonDialect(new FrameCodec()), () -> handedOver, () -> {}, () -> now);
  }

  private static ByteString bytes(String text) {
    return ByteString.fromString(text);
  }

  @Test
  void givesEverythingInOrderAsOnePiece() {
    queue.add(bytes("ab"));
    queue.addRoomMessage("r", 1, bytes("cd"));
    assertEquals("abcd", queue.takeAll().utf8String());
    assertTrue(queue.isEmpty());
  }

  @Test
  void overflowsOnceWhatIsKeptPassesTheBoundAndWhatMayBeKeptBeyondIt() {
    queue.add(bytes("x".repeat(60)));
    handedOver = 50;
    assertFalse(queue.isOverflowing());
    queue.add(bytes("y"));
    assertTrue(queue.isOverflowing());
    queue.takeAll();
    assertFalse(queue.isOverflowing());
  }

  @Test
  void keepsABurstBeyondTheBoundForTheCatchUpTime() {
    bursting.addRoomMessage("r", 1, bytes("12345678"));
    now += CATCH_UP.toNanos() - 1;
    bursting.addRoomMessage("r", 2, bytes("abc"));
    assertEquals("12345678abc", bursting.takeAll().utf8String());
  }

  @Test
  void dropsRoomMessagesForAReaderBeyondTheBoundLongerThanTheCatchUpTime() {
    bursting.addRoomMessage("r", 1, bytes("12345678"));
    handedOver = 11;
    bursting.addRoomMessage("r", 2, bytes("abc"));
    now += CATCH_UP.toNanos();
    bursting.addRoomMessage("r", 3, bytes("def"));
    assertEquals(
        "abc{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":3,\"to_seq\":3}\n",
        bursting.takeAll().utf8String().substring(8));
  }

  @Test
  void theCatchUpTimeStartsAgainOnceTheReaderIsWithinTheBound() {
    bursting.addRoomMessage("r", 1, bytes("12345678"));
    handedOver = 11;
    bursting.addRoomMessage("r", 2, bytes("abc"));
    bursting.takeAll();
    handedOver = 0;
    now += CATCH_UP.toNanos();
    bursting.addRoomMessage("r", 3, bytes("12345678"));
    bursting.addRoomMessage("r", 4, bytes("abc"));
    assertEquals("12345678abc", bursting.takeAll().utf8String());
  }

  @Test
  void neverKeepsRoomMessagesBeyondTheBoundAndHalfTheKeptOne() {
    bursting.addRoomMessage("r", 1, bytes("x".repeat(50)));
    bursting.addRoomMessage("r", 2, bytes("y".repeat(11)));
    assertTrue(bursting.takeAll().utf8String().endsWith("\"from_seq\":2,\"to_seq\":2}\n"));
  }

  @Test
  void alwaysTakesARoomMessageWhenEmptyHoweverLarge() {
    queue.addRoomMessage("r", 1, bytes("x".repeat(50)));
    assertEquals(50, queue.takeAll().length());
  }

  @Test
  void dropsRoomMessagesThatDoNotFitAndAnnouncesTheRunAtTheEndOfThePiece() {
    queue.addRoomMessage("r", 1, bytes("12345678"));
    queue.addRoomMessage("r", 2, bytes("abc"));
    queue.addRoomMessage("r", 3, bytes("def"));
    assertEquals(
        "12345678{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":2,\"to_seq\":3}\n",
        queue.takeAll().utf8String());
    assertTrue(queue.isEmpty());
  }

  @Test
  void announcesTheRunsDroppedSoFarBeforeWhatComesNext() {
    queue.add(bytes("x".repeat(10)));
    queue.addRoomMessage("r", 4, bytes("1"));
    queue.announceDropped();
    queue.add(bytes("bye"));
    assertEquals(
        "x".repeat(10) + "{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":4,\"to_seq\":4}\nbye",
        queue.takeAll().utf8String());
  }

  @Test
  void announcesAGapBeforeTheNextMessageOfThatRoomThatFits() {
    queue.addRoomMessage("r", 1, bytes("12345678"));
    queue.addRoomMessage("r", 2, bytes("abc"));
    queue.addRoomMessage("r", 3, bytes("d"));
    assertEquals(
        "12345678{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":2,\"to_seq\":2}\nd",
        queue.takeAll().utf8String());
  }

  @Test
  void takesSeveralRoomMessagesInOnePieceOnlyWhenAllFitAndNoneOfTheRoomIsBeingDropped() {
    assertFalse(queue.addRoomMessages("r", bytes("x".repeat(11))), "more than the bound");
    assertTrue(queue.addRoomMessages("r", bytes("abcd")));
    assertFalse(queue.addRoomMessages("r", bytes("efghijk")), "they do not fit");
    queue.addRoomMessage("r", 5, bytes("efghijk"));
    assertFalse(queue.addRoomMessages("r", bytes("x")), "the gap of r goes first");
    assertTrue(queue.addRoomMessages("s", bytes("y")));
    assertEquals(
        "abcdy{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":5,\"to_seq\":5}\n",
        queue.takeAll().utf8String());
  }

  @Test
  void neverDropsOtherFrames() {
    queue.add(bytes("x".repeat(20)));
    queue.add(bytes("y".repeat(20)));
    assertTrue(queue.isFull());
    assertEquals(40, queue.takeAll().length());
    assertFalse(queue.isFull());
  }

  @Test
  void countsWhatTheConnectionHasNotTakenYet() {
    handedOver = 8;
    queue.addRoomMessage("r", 1, bytes("abc"));
    assertTrue(queue.addRoomMessages("s", bytes("ab")));
    handedOver = 10;
    assertTrue(queue.isFull());
    handedOver = 0;
    assertFalse(queue.isFull());
    queue.addRoomMessage("r", 2, bytes("d"));
    assertEquals(
        "ab{\"type\":\"gap\",\"room\":\"r\",\"from_seq\":1,\"to_seq\":1}\nd",
        queue.takeAll().utf8String());
  }

  @Test
  void keepsOneRunPerRoom() {
    queue.add(bytes("x".repeat(10)));
    queue.addRoomMessage("a", 5, bytes("1"));
    queue.addRoomMessage("b", 7, bytes("2"));
    queue.addRoomMessage("a", 6, bytes("3"));
    assertEquals(
        "x".repeat(10)
            + "{\"type\":\"gap\",\"room\":\"a\",\"from_seq\":5,\"to_seq\":6}\n"
            + "{\"type\":\"gap\",\"room\":\"b\",\"from_seq\":7,\"to_seq\":7}\n",
        queue.takeAll().utf8String());
  }
}
