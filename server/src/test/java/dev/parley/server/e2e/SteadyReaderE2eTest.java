package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A reader that takes its output slowly but steadily is not stalled: it gets gaps for what it could
 * not take, and stays, though reading its whole queue takes longer than the stall timeout.
 */
@ExtendWith(LogCapturingExtension.class)
class SteadyReaderE2eTest {

  // about 40 KB/s of 4000-char messages: a 256 KiB queue takes six seconds
  private static final long READ_EVERY_NANOS = TimeUnit.MILLISECONDS.toNanos(100);
  private static final Duration FLOOD = Duration.ofSeconds(4);
  private static final int WINDOW = 25;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-steady-reader");

  @Test
  void aSlowButSteadyReaderGetsGapsAndIsNotCutOff() throws Exception {
    String room = Names.room("steady");
    String slow = Names.nick("slow");
    try (var poster = RawClient.login(server.address(), Names.nick("poster"));
        var reader = RawClient.login(server.address(), slow, UntilCutOff.SMALL_RECEIVE_BUFFER)) {
      Rooms.enter(room, poster, reader);
      var flooding = new AtomicBoolean(true);
      var gaps = new AtomicInteger();
      CompletableFuture<Void> reading =
          CompletableFuture.runAsync(
              () -> {
                while (flooding.get()) {
                  if (reader.next() instanceof ServerFrame.Gap) {
                    gaps.incrementAndGet();
                  }
                  LockSupport.parkNanos(READ_EVERY_NANOS);
                }
              });

      String say = poster.frame("say", "room", room, "text", "x".repeat(UntilCutOff.TEXT_CHARS));
      long end = System.nanoTime() + FLOOD.toNanos();
      while (System.nanoTime() < end) {
        for (int i = 0; i < WINDOW; i++) {
          poster.sendLine(say);
        }
        for (int i = 0; i < WINDOW; i++) {
          ServerFrame frame = poster.next();
          assertFalse(
              frame instanceof ServerFrame.MemberLeft,
              "the slow reader was cut off: " + poster.lastLine());
        }
      }
      flooding.set(false);
      reading.get(RawClient.TIMEOUT.toSeconds(), TimeUnit.SECONDS);

      poster.sendFrame("dm", "to", slow, "text", "done");
      ServerFrame frame = reader.next();
      while (!(frame instanceof ServerFrame.Direct direct && direct.text().equals("done"))) {
        if (frame instanceof ServerFrame.Gap) {
          gaps.incrementAndGet();
        }
        frame = reader.next();
      }
      reader.sendFrame("ping", "id", 1);
      // the gaps of the last runs come with the last piece
      for (frame = reader.next(); !(frame instanceof ServerFrame.Pong); frame = reader.next()) {
        assertTrue(frame instanceof ServerFrame.Gap, reader.lastLine());
        gaps.incrementAndGet();
      }
      assertTrue(gaps.get() > 0, "a reader that slow misses messages, told in gaps");
    }
  }
}
