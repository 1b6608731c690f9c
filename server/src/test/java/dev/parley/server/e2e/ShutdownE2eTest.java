package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Closing the server says {@code bye shutdown} to every client and closes them. */
@ExtendWith(LogCapturingExtension.class)
class ShutdownE2eTest {

  // a bye cut off by the server stopping too early shows in about one client of 200
  private static final int ROUNDS = 10;
  private static final int CLIENTS_PER_ROUND = 30;

  @Test
  void saysByeShutdownToEveryClientWhenTheServerCloses() {
    var server = ParleyServer.start(ConfigFactory.load("application-test"));
    String room = Names.room("closing");
    try (var member = RawClient.login(server.address(), Names.nick("member"));
        var other = RawClient.login(server.address(), Names.nick("other"));
        var newcomer = RawClient.connect(server.address())) {
      Rooms.enter(room, member, other);
      newcomer.sendFrame("ping", "id", 1);
      newcomer.expectPong(FrameId.of(1));

      server.close();

      expectByeShutdown(member);
      expectByeShutdown(other);
      expectByeShutdown(newcomer);
    }
  }

  @Test
  void saysByeShutdownOverWebSocketAndIsNotReadyOnceItStops() {
    var server = ParleyServer.start(ConfigFactory.load("application-test"));
    var admin = server.adminAddress().orElseThrow();
    OperationsE2eTest.awaitReady(admin);
    try (var web = WebSocketClient.login(server.httpAddress().orElseThrow(), Names.nick("web"))) {
      var stopped = server.shutdown();

      var bye = web.expect(ServerFrame.Bye.class);
      assertEquals(DepartureReason.SHUTDOWN, bye.reason());
      web.expectClosed();
      stopped.toCompletableFuture().join();
    }
  }

  @Test
  void getsTheByeToEveryClientOutBeforeItStops() {
    for (int round = 0; round < ROUNDS; round++) {
      var server = ParleyServer.start(ConfigFactory.load("application-test"));
      List<RawClient> clients = new ArrayList<>();
      try {
        for (int i = 0; i < CLIENTS_PER_ROUND; i++) {
          var client =
              i % 2 == 0
                  ? RawClient.login(server.address(), Names.nick("member"))
                  : RawClient.connect(server.address());
          clients.add(client);
          client.sendFrame("ping", "id", i);
          client.expectPong(FrameId.of(i));
        }

        server.close();

        for (var client : clients) {
          expectByeShutdown(client);
        }
      } finally {
        clients.forEach(RawClient::close);
      }
    }
  }

  /** Others leaving the client's rooms for the same reason may come first; then its own bye. */
  private static void expectByeShutdown(RawClient client) {
    var frame = client.next();
    while (frame instanceof ServerFrame.MemberLeft left) {
      assertEquals(DepartureReason.SHUTDOWN, left.reason(), client.lastLine());
      frame = client.next();
    }
    assertTrue(
        frame instanceof ServerFrame.Bye bye && bye.reason() == DepartureReason.SHUTDOWN,
        "expected bye shutdown but got " + client.lastLine());
    client.expectClosed();
  }
}
