package dev.parley.server.room;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class HistoryTest {

  private static History withSeqs(int capacity, long first, long last) {
    var history = new History(capacity);
    LongStream.rangeClosed(first, last).forEach(seq -> history.add(message(seq)));
    return history;
  }

  private static ServerFrame.Message message(long seq) {
    return new ServerFrame.Message(null, "room", seq, "alice", "text " + seq, Instant.EPOCH, null);
  }

  private static List<Long> seqs(List<ServerFrame.Message> messages) {
    return messages.stream().map(ServerFrame.Message::seq).toList();
  }

  @Test
  void fillsAPageWithTheMessagesOfSendersNotWithheld() {
    // messages 1 to 10; the odd ones from Spam
    var history = new History(20);
    LongStream.rangeClosed(1, 10)
        .forEach(
            seq ->
                history.add(
                    new ServerFrame.Message(
                        null, "room", seq, seq % 2 == 1 ? "Spam" : "alice", "text", null, null)));
    Set<String> withheld = Set.of("spam");
    assertEquals(List.of(6L, 8L, 10L), seqs(history.latest(3, withheld)));
    assertEquals(List.of(2L, 4L, 6L), seqs(history.before(7, 3, withheld)));
    assertEquals(List.of(4L, 6L, 8L), seqs(history.after(3, 3, withheld)));
    assertEquals(List.of(2L, 4L), seqs(history.before(5, 10, withheld)));
    assertEquals(List.of(8L, 9L, 10L), seqs(history.latest(3, Set.of())));
  }

  @Test
  void keepsOnlyTheLatestMessagesUpToItsCapacity() {
    var history = withSeqs(3, 1, 5);
    assertEquals(List.of(3L, 4L, 5L), seqs(history.latest(10, Set.of())));
  }

  @Test
  void givesTheLatestMessagesOldestFirst() {
    var history = withSeqs(10, 1, 5);
    assertEquals(List.of(4L, 5L), seqs(history.latest(2, Set.of())));
  }

  @Test
  void givesTheMessagesJustBeforeASeq() {
    var history = withSeqs(10, 1, 8);
    assertEquals(List.of(3L, 4L, 5L), seqs(history.before(6, 3, Set.of())));
  }

  @Test
  void givesTheMessagesJustAfterASeq() {
    var history = withSeqs(10, 1, 8);
    assertEquals(List.of(3L, 4L), seqs(history.after(2, 2, Set.of())));
  }

  @Test
  void givesWhatIsStillKeptWhenAskedForForgottenMessages() {
    var history = withSeqs(4, 1, 10);
    assertEquals(List.of(7L, 8L), seqs(history.after(2, 2, Set.of())));
    assertEquals(List.of(), seqs(history.before(7, 5, Set.of())));
  }

  @Test
  void givesNothingBeyondTheNewestOrBeforeTheFirst() {
    var history = withSeqs(10, 1, 3);
    assertEquals(List.of(), seqs(history.after(3, 10, Set.of())));
    assertEquals(List.of(), seqs(history.before(1, 10, Set.of())));
    assertEquals(List.of(1L, 2L, 3L), seqs(history.before(1_000, 10, Set.of())));
  }

  @Test
  void givesNothingWhenEmpty() {
    var history = new History(5);
    assertEquals(List.of(), seqs(history.latest(5, Set.of())));
    assertEquals(List.of(), seqs(history.before(3, 5, Set.of())));
    assertEquals(List.of(), seqs(history.after(0, 5, Set.of())));
  }
}
