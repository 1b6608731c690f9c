package dev.parley.server.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import dev.parley.protocol.ErrorCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class SessionInputTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final TestProbe<Session.Command> session = testKit.createTestProbe();
  // chunks taken from upstream so far
  private final AtomicInteger chunksRead = new AtomicInteger();

  // a chunk of comma-separated words, each word a frame
  private static Function<String, List<Inbound>> wordReader() {
    return chunk ->
        Arrays.stream(chunk.split(","))
            .filter(word -> !word.isEmpty())
            .<Inbound>map(word -> new Inbound.Undecodable(ErrorCode.BAD_REQUEST, word, null))
            .toList();
  }

  private ConnectionInput run(Source<String, ?> chunks) {
    return chunks
        .map(
            chunk -> {
              chunksRead.incrementAndGet();
              return chunk;
            })
        .runWith(SessionStreams.input(SessionInputTest::wordReader), testKit.system());
  }

  private void expectFrame(String word) {
    var received = session.expectMessageClass(Session.FrameReceived.class);
    assertEquals(word, ((Inbound.Undecodable) received.inbound()).message());
  }

  @Test
  void givesNothingBeforeTheSessionAttachesAndAsks() {
    var input = run(Source.single("one"));

    input.readNext();
    session.expectNoMessage(Duration.ofMillis(100));
    input.attach(session.getRef());

    expectFrame("one");
  }

  @Test
  void givesOneFrameEachTimeItIsAskedAndReadsTheNextChunkOnlyOnceAllAreGiven() {
    var input = run(Source.from(List.of("one,two", "three", "four")));
    input.attach(session.getRef());
    session.expectNoMessage(Duration.ofMillis(100));
    assertEquals(0, chunksRead.get());

    input.readNext();
    expectFrame("one");
    session.expectNoMessage(Duration.ofMillis(100));
    assertEquals(1, chunksRead.get());
    input.readNext();
    expectFrame("two");
    session.expectNoMessage(Duration.ofMillis(100));
    assertEquals(1, chunksRead.get());
    input.readNext();
    expectFrame("three");
    assertEquals(2, chunksRead.get());
  }

  @Test
  void readsOnWhileAChunkHoldsNoWholeFrame() {
    var input = run(Source.from(List.of(",", "", "one")));
    input.attach(session.getRef());

    input.readNext();

    expectFrame("one");
  }

  @Test
  void endsOnceTheLastFrameIsGiven() {
    var input = run(Source.single("one,two"));
    input.attach(session.getRef());

    input.readNext();
    expectFrame("one");
    session.expectNoMessage(Duration.ofMillis(100));
    input.readNext();
    expectFrame("two");

    session.expectMessage(Session.InputEnded.INSTANCE);
  }

  @Test
  void tellsOfAFailureAfterTheFramesReadBeforeIt() {
    var cause = new IllegalStateException("connection reset");
    var input =
        run(
            Source.from(List.of("one", "two"))
                .map(
                    chunk -> {
                      if (chunk.equals("two")) {
                        throw cause;
                      }
                      return chunk;
                    }));
    input.attach(session.getRef());

    input.readNext();
    expectFrame("one");
    input.readNext();

    var failed = session.expectMessageClass(Session.InputFailed.class);
    assertSame(cause, failed.cause());
  }

  @Test
  void stopsReadingOnceClosed() throws Exception {
    var running =
        Source.repeat("word,")
            .watchTermination(Keep.right())
            .toMat(SessionStreams.input(SessionInputTest::wordReader), Keep.both())
            .run(testKit.system());
    var input = running.second();
    input.attach(session.getRef());
    input.readNext();
    expectFrame("word");

    input.close();
    input.readNext();

    running.first().toCompletableFuture().get(5, TimeUnit.SECONDS);
    session.expectNoMessage(Duration.ofMillis(100));
  }
}
