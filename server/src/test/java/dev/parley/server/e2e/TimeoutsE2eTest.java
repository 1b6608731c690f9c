package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A connection without {@code hello} in 1 s (from its start or its last refused one), or silent for
 * 2 s, is told {@code bye}.
 */
@ExtendWith(LogCapturingExtension.class)
class TimeoutsE2eTest {

  private static final Duration PING_EVERY = Duration.ofMillis(400);

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-short-timeouts");

  @Test
  void saysByeHelloTimeoutWhenNoHelloComesInTime() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("ping", "id", "not a hello");
      client.expectPong(FrameId.of("not a hello"));

      client.expectBye(DepartureReason.HELLO_TIMEOUT);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"1bad", "Admin"})
  void givesAClientWhoseHelloIsRefusedTheHelloTimeoutAnew(String nick) throws Exception {
    try (var client = RawClient.connect(server.address())) {
      Thread.sleep(700);
      client.sendFrame("hello", "id", "h", "nick", nick);
      client.expect(ServerFrame.Error.class, error -> error.re().equals(FrameId.of("h")), "");

      // past the first second, which would have ended the connection
      client.expectNothingFor(Duration.ofMillis(500));
      client.expectBye(DepartureReason.HELLO_TIMEOUT);
    }
  }

  @Test
  void saysByeIdleTimeoutToASilentUserAndTellsItsRooms() {
    String room = Names.room("idle");
    String idler = Names.nick("idler");
    try (var silent = RawClient.login(server.address(), idler);
        var watcher = RawClient.login(server.address(), Names.nick("watcher"))) {
      silent.sendFrame("create", "room", room);
      silent.expect(ServerFrame.Joined.class);
      watcher.sendFrame("join", "room", room);
      watcher.expect(ServerFrame.Joined.class);

      ServerFrame.MemberLeft left = awaitDepartureWhilePinging(watcher);
      assertEquals(room, left.room());
      assertEquals(idler, left.nick());
      assertEquals(DepartureReason.IDLE_TIMEOUT, left.reason());
      silent.expect(ServerFrame.MemberJoined.class);
      var bye = silent.expectBye(DepartureReason.IDLE_TIMEOUT);
      assertTrue(bye.message() != null && !bye.message().isBlank(), "a message says why");
    }
  }

  /** Keeps the watcher from idling out itself until someone leaves one of its rooms. */
  private static ServerFrame.MemberLeft awaitDepartureWhilePinging(RawClient watcher) {
    long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
    int pings = 0;
    while (System.nanoTime() < deadline) {
      watcher.sendFrame("ping", "id", ++pings);
      var frame = watcher.poll(PING_EVERY);
      while (frame.isPresent()) {
        if (frame.get() instanceof ServerFrame.MemberLeft left) {
          return left;
        }
        assertTrue(frame.get() instanceof ServerFrame.Pong, watcher.lastLine());
        frame = watcher.poll(PING_EVERY);
      }
    }
    throw new AssertionError("nobody left within " + RawClient.TIMEOUT);
  }
}
