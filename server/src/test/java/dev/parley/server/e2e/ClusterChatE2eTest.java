package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Three nodes of one cluster, as users see them: one server, whichever node they are on. */
@ExtendWith(LogCapturingExtension.class)
class ClusterChatE2eTest {

  private static ClusterNodes cluster;

  @BeforeAll
  static void startCluster() {
    cluster = ClusterNodes.start(3);
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  void usersOnThreeNodesChatInOneRoom() {
    try (var alice = RawClient.login(cluster.address(0), "alice");
        var bob = RawClient.login(cluster.address(1), "bob");
        var carol = RawClient.login(cluster.address(2), "carol")) {
      alice.sendFrame("create", "id", "c", "room", "Dev", "topic", "builds");
      assertEquals("builds", alice.expect(ServerFrame.Joined.class).topic());
      bob.sendFrame("join", "id", "j", "room", "dev");
      var joined = bob.expect(ServerFrame.Joined.class);
      assertEquals("Dev", joined.room());
      assertEquals("builds", joined.topic());
      alice.expect(ServerFrame.MemberJoined.class, m -> m.nick().equals("bob"), "bob");
      carol.sendFrame("join", "id", "j", "room", "Dev");
      carol.expect(ServerFrame.Joined.class);
      alice.expect(ServerFrame.MemberJoined.class, m -> m.nick().equals("carol"), "carol");
      bob.expect(ServerFrame.MemberJoined.class, m -> m.nick().equals("carol"), "carol");

      alice.sendFrame("say", "id", 1, "room", "Dev", "text", "hello from node 0");
      var echo = alice.expect(ServerFrame.Message.class, m -> FrameId.of(1).equals(m.re()), "");
      for (RawClient other : List.of(bob, carol)) {
        var heard = other.expect(ServerFrame.Message.class);
        assertEquals(echo.seq(), heard.seq());
        assertEquals("hello from node 0", heard.text());
        assertEquals("alice", heard.from());
      }
      carol.sendFrame("say", "id", 2, "room", "Dev", "text", "and from node 2");
      carol.expect(ServerFrame.Message.class, m -> FrameId.of(2).equals(m.re()), "");
      assertEquals(echo.seq() + 1, alice.expect(ServerFrame.Message.class).seq());
      assertEquals(echo.seq() + 1, bob.expect(ServerFrame.Message.class).seq());

      bob.sendFrame("leave", "id", "l", "room", "Dev");
      bob.expect(ServerFrame.Left.class);
      alice.expect(ServerFrame.MemberLeft.class, m -> m.nick().equals("bob"), "bob left");
    }
  }

  @Test
  void aNickIsOneUserAcrossTheNodes() {
    try (var first = RawClient.login(cluster.address(0), "dana");
        var second = RawClient.connect(cluster.address(2))) {
      second.sendFrame("hello", "id", "h", "nick", "DANA");
      second.expectError(ErrorCode.NICK_TAKEN, FrameId.of("h"));

      second.sendFrame("hello", "id", "h2", "nick", "erin");
      second.expect(ServerFrame.Welcome.class);
      second.sendFrame("users", "id", "u");
      ServerFrame answer = second.next();
      while (!(answer instanceof ServerFrame.Users)) {
        // the lobby's joined and replay come first
        answer = second.next();
      }
      var users =
          ((ServerFrame.Users) answer)
              .users().stream().map(ServerFrame.UserPresence::nick).toList();
      assertTrue(users.containsAll(List.of("dana", "erin")), "users: " + users);
    }
  }

  @Test
  void aDirectMessageReachesItsUserOnAnotherNode() {
    try (var frank = RawClient.login(cluster.address(1), "frank");
        var grace = RawClient.login(cluster.address(2), "grace")) {
      frank.sendFrame("dm", "id", "d", "to", "grace", "text", "across nodes");
      frank.expect(ServerFrame.Direct.class, d -> FrameId.of("d").equals(d.re()), "own direct");
      var heard = grace.expect(ServerFrame.Direct.class);
      assertEquals("frank", heard.from());
      assertEquals("across nodes", heard.text());
    }
  }
}
