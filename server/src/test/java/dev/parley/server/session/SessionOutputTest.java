package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class SessionOutputTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final TestProbe<Session.Command> session = testKit.createTestProbe();

  // pieces of at most this many bytes
  private static final int MAX_WRITE_BYTES = 16;

  private Pair<ConnectionOutput, CompletionStage<List<ByteString>>> run() {
    return attached(
        SessionStreams.output(MAX_WRITE_BYTES)
            .toMat(Sink.seq(), Keep.both())
            .run(testKit.system()));
  }

  // a reader that holds one piece and takes the next only when the test pulls
  private Pair<ConnectionOutput, SinkQueueWithCancel<ByteString>> runWithSlowReader() {
    return attached(
        SessionStreams.output(MAX_WRITE_BYTES)
            .toMat(
                Sink.<ByteString>queue().withAttributes(Attributes.inputBuffer(1, 1)), Keep.both())
            .run(testKit.system()));
  }

  private <R> Pair<ConnectionOutput, R> attached(Pair<ConnectionOutput, R> ends) {
    ends.first().attach(session.getRef());
    return ends;
  }

  private static ByteString bytes(String text) {
    return ByteString.fromString(text);
  }

  @Test
  void emitsEachPieceWithoutTellingTheSessionThatDidNotAsk() throws Exception {
    var ends = run();

    ends.first().handOver(new Outbound.Frames(bytes("one\n")));
    ends.first().handOver(new Outbound.Frames(bytes("two\n")));
    awaitAllTaken(ends.first());
    ends.first().handOver(Outbound.End.INSTANCE);

    assertEquals(
        bytes("one\ntwo\n"), result(ends.second()).stream().reduce(ByteString::concat).get());
    session.expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void handsALongOutputOverInPiecesSoThatWhatIsTakenCountsAsItGoes() throws Exception {
    var ends = runWithSlowReader();
    var output = ends.first();

    output.handOver(new Outbound.Frames(bytes("0123456789abcdefghijklmnopqrstuvXYZ\n")));
    // the reader holds the first piece: the rest is not taken yet
    awaitPending(output, 36 - 16);
    assertEquals(bytes("0123456789abcdef"), pulled(ends.second()));
    awaitPending(output, 36 - 16 - 16);
    assertEquals(bytes("ghijklmnopqrstuv"), pulled(ends.second()));
    assertEquals(bytes("XYZ\n"), pulled(ends.second()));
    awaitAllTaken(output);
  }

  @Test
  void countsWhatTheReaderHasNotTakenAndTellsTheSessionThatAskedOnceItHas() throws Exception {
    var ends = runWithSlowReader();
    var output = ends.first();

    output.handOver(new Outbound.Frames(bytes("one\n")));
    awaitAllTaken(output);
    assertTrue(output.takenOrTellWhenTaken());
    output.handOver(new Outbound.Frames(bytes("two\n")));
    output.handOver(new Outbound.Frames(bytes("three\n")));
    assertEquals(10, output.pendingBytes());
    assertFalse(output.takenOrTellWhenTaken());
    session.expectNoMessage(Duration.ofMillis(100));

    assertEquals(bytes("one\n"), pulled(ends.second()));
    session.expectMessage(Session.OutputTaken.INSTANCE);
    assertEquals(0, output.pendingBytes());
    assertEquals(bytes("two\nthree\n"), pulled(ends.second()));
  }

  @Test
  void tellsASessionThatWaitsEveryTimeWhileAReaderOnAnotherThreadTakesPieceByPiece() {
    var output =
        SessionStreams.output(MAX_WRITE_BYTES)
            .async()
            .to(Sink.foreach(piece -> LockSupport.parkNanos(20_000)))
            .run(testKit.system());
    output.attach(session.getRef());

    for (int i = 0; i < 5000; i++) {
      output.handOver(new Outbound.Frames(bytes("piece " + i + "\n")));
      if (!output.takenOrTellWhenTaken()) {
        session.expectMessage(Duration.ofSeconds(5), Session.OutputTaken.INSTANCE);
      }
    }
  }

  @Test
  void writesWhatWaitsBeforeItEnds() throws Exception {
    var ends = run();

    ends.first().handOver(new Outbound.Frames(bytes("last\n")));
    ends.first().handOver(Outbound.End.INSTANCE);

    assertEquals(List.of(bytes("last\n")), result(ends.second()));
  }

  @Test
  void failsAtOnceOnAbort() throws Exception {
    var ends = run();
    var cause = new SlowConsumerException();

    ends.first().handOver(new Outbound.Abort(cause));

    var failure = assertThrows(ExecutionException.class, () -> result(ends.second()));
    assertSame(cause, failure.getCause());
    session.expectNoMessage(Duration.ofMillis(100));
  }

  private void awaitPending(ConnectionOutput output, long bytes) {
    session.awaitAssert(
        () -> {
          assertEquals(bytes, output.pendingBytes());
          return null;
        });
  }

  private void awaitAllTaken(ConnectionOutput output) {
    session.awaitAssert(
        () -> {
          assertEquals(0, output.pendingBytes());
          return null;
        });
  }

  private static ByteString pulled(SinkQueueWithCancel<ByteString> reader) throws Exception {
    return reader.pull().toCompletableFuture().get(5, TimeUnit.SECONDS).orElseThrow();
  }

  private static List<ByteString> result(CompletionStage<List<ByteString>> done) throws Exception {
    return done.toCompletableFuture().get(5, TimeUnit.SECONDS);
  }
}
