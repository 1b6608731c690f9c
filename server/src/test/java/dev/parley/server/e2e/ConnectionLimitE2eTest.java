package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.net.InetAddress;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A server that holds two connections: the third is told {@code bye server_full}. */
@ExtendWith(LogCapturingExtension.class)
class ConnectionLimitE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-two-connections");

  @Test
  void saysByeServerFullToAConnectionBeyondTheLimit() {
    try (var first = RawClient.login(server.address(), Names.nick("first"));
        var second = RawClient.connect(server.address())) {
      second.sendFrame("ping", "id", "in");
      second.expectPong(FrameId.of("in"));

      try (var third = RawClient.connect(server.address())) {
        third.expectBye(DepartureReason.SERVER_FULL);
      }
      first.sendFrame("ping", "id", "still");
      first.expectPong(FrameId.of("still"));
    }
  }

  @Test
  void acceptsAConnectionAgainOnceOneHasClosed() {
    try (var first = RawClient.login(server.address(), Names.nick("first"))) {
      try (var second = RawClient.connect(server.address())) {
        second.sendFrame("quit");
        second.expectBye(DepartureReason.QUIT);
      }

      assertTrue(connectsWithinTimeout(), "a connection is accepted again");
      first.sendFrame("ping", "id", "still");
      first.expectPong(FrameId.of("still"));
    }
  }

  @Test
  void saysByeServerFullBeyondTheConnectionsOfOneAddressAndTakesOthers() throws Exception {
    var perAddress = ParleyServer.start(ConfigFactory.load("e2e-two-per-address"));
    try (var first = RawClient.connect(perAddress.address());
        var second = RawClient.connect(perAddress.address())) {
      second.sendFrame("ping", "id", "in");
      second.expectPong(FrameId.of("in"));
      try (var third = RawClient.connect(perAddress.address())) {
        third.expectBye(DepartureReason.SERVER_FULL);
      }
      try (var elsewhere =
          RawClient.connectFrom(perAddress.address(), InetAddress.getByName("127.0.0.2"))) {
        elsewhere.sendFrame("ping", "id", "other");
        elsewhere.expectPong(FrameId.of("other"));
      }
    } finally {
      perAddress.close();
    }
  }

  // the server counts a connection until its session has stopped, just after the close
  private static boolean connectsWithinTimeout() {
    long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      try (var next = RawClient.connect(server.address())) {
        next.sendFrame("ping", "id", "again");
        var answer = next.next();
        if (answer instanceof ServerFrame.Pong pong && FrameId.of("again").equals(pong.re())) {
          return true;
        }
        assertTrue(
            answer instanceof ServerFrame.Bye bye && bye.reason() == DepartureReason.SERVER_FULL,
            "a pong or bye server_full, not " + next.lastLine());
      }
    }
    return false;
  }
}
