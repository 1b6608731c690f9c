package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connections that never say hello, from many addresses each under its cap, cannot keep others out:
 * they have a budget of their own below the total, and a newcomer pushes the oldest out.
 */
@ExtendWith(LogCapturingExtension.class)
class SilentConnectionsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-before-hello");

  private static InetAddress loopback(int last) {
    try {
      return InetAddress.getByName("127.0.0." + last);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aNewcomerIsWelcomedWhileSilentConnectionsFromManyAddressesWait() {
    List<RawClient> silent = new ArrayList<>();
    try (var member = RawClient.login(server.address(), Names.nick("member"))) {
      // 40 silent connections, 10 from each of four addresses: as many as the server holds
      for (int address = 2; address <= 5; address++) {
        for (int i = 0; i < 10; i++) {
          silent.add(RawClient.connectFrom(server.address(), loopback(address)));
        }
      }
      // the oldest twenty were pushed out by the later ones, each told why
      for (RawClient pushedOut : silent.subList(0, 20)) {
        pushedOut.expectBye(DepartureReason.SERVER_FULL);
      }
      for (RawClient waiting : silent.subList(20, 40)) {
        waiting.sendFrame("ping", "id", "waiting");
        waiting.expectPong(FrameId.of("waiting"));
      }

      try (var newcomer = RawClient.connectFrom(server.address(), loopback(6))) {
        newcomer.sendFrame("hello", "nick", Names.nick("newcomer"));
        newcomer.expect(ServerFrame.Welcome.class);
        var lobby = newcomer.expect(ServerFrame.Joined.class);
        assertEquals("lobby", lobby.room());
      }
      // the longest waiting of the silent ones made room for it
      silent.get(20).expectBye(DepartureReason.SERVER_FULL);
      member.sendFrame("ping", "id", "member");
      member.expectPong(FrameId.of("member"));
    } finally {
      silent.forEach(RawClient::close);
    }
  }

  @Test
  void aConnectionThatSaidHelloIsNeverPushedOut() {
    List<RawClient> silent = new ArrayList<>();
    try (var early = RawClient.connectFrom(server.address(), loopback(7))) {
      early.sendFrame("hello", "nick", Names.nick("early"));
      early.expect(ServerFrame.Welcome.class);
      early.expect(ServerFrame.Joined.class);
      for (int i = 0; i < 25; i++) {
        silent.add(RawClient.connectFrom(server.address(), loopback(8 + i / 10)));
      }
      early.sendFrame("ping", "id", "early");
      early.expectPong(FrameId.of("early"));
    } finally {
      silent.forEach(RawClient::close);
    }
  }
}
