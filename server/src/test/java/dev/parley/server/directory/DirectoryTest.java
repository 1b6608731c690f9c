package dev.parley.server.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.NickSettings;
import dev.parley.server.settings.PresenceSettings;
import java.util.List;
import java.util.Set;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class DirectoryTest {

  @JUnit5TestKit public ActorTestKit testKit = new JUnit5TestKitBuilder().build();

  private final TestProbe<Directory.ClaimResult> replies = testKit.createTestProbe();
  private final TestProbe<ServerFrame.Users> users = testKit.createTestProbe();

  private ActorRef<Directory.Command> directory(int rememberedUsers) {
    return testKit.spawn(
        Directory.create(
            new NickSettings(Set.of("admin"), "Guest"), new PresenceSettings(rememberedUsers)));
  }

  private TestProbe<Void> claim(
      ActorRef<Directory.Command> directory, String nick, Directory.ClaimResult expected) {
    TestProbe<Void> session = testKit.createTestProbe();
    directory.tell(new Directory.Claim(nick, session.getRef(), replies.getRef()));
    replies.expectMessage(expected);
    return session;
  }

  private List<ServerFrame.UserPresence> listUsers(
      ActorRef<Directory.Command> directory, Long sinceSeconds) {
    directory.tell(new Directory.ListUsers(sinceSeconds, FrameId.of(1), users.getRef()));
    return users.receiveMessage().users();
  }

  @Test
  void givesANickToTheFirstToClaimItInAnyCase() {
    var directory = directory(10);
    claim(directory, "Alice", new Directory.Claimed("Alice"));
    TestProbe<Void> other = testKit.createTestProbe();
    directory.tell(new Directory.Claim("ALICE", other.getRef(), replies.getRef()));
    var refused = replies.expectMessageClass(Directory.ClaimRefused.class);
    assertEquals(ErrorCode.NICK_TAKEN, refused.code());
  }

  @Test
  void picksTheLowestFreeGuestNick() {
    var directory = directory(10);
    claim(directory, null, new Directory.Claimed("Guest1"));
    claim(directory, "guest2", new Directory.Claimed("guest2"));
    claim(directory, null, new Directory.Claimed("Guest3"));
  }

  @Test
  void freesANickWhenReleased() {
    var directory = directory(10);
    claim(directory, "alice", new Directory.Claimed("alice"));
    directory.tell(new Directory.Release("ALICE"));
    claim(directory, "alice", new Directory.Claimed("alice"));
  }

  @Test
  void freesTheNickOfASessionThatStopped() {
    var directory = directory(10);
    var session = claim(directory, "alice", new Directory.Claimed("alice"));
    session.stop();
    replies.awaitAssert(
        () -> {
          TestProbe<Void> next = testKit.createTestProbe();
          directory.tell(new Directory.Claim("alice", next.getRef(), replies.getRef()));
          replies.expectMessage(new Directory.Claimed("alice"));
          return null;
        });
  }

  @Test
  void listsWhoIsOnlineAndWithSinceAlsoWhoLeftLately() {
    var directory = directory(10);
    claim(directory, "bob", new Directory.Claimed("bob"));
    claim(directory, "alice", new Directory.Claimed("alice"));
    directory.tell(new Directory.Release("bob"));

    var online = listUsers(directory, null);
    assertEquals(List.of("alice"), online.stream().map(ServerFrame.UserPresence::nick).toList());
    assertTrue(online.get(0).online());

    var lately = listUsers(directory, 60L);
    assertEquals(
        List.of("alice", "bob"), lately.stream().map(ServerFrame.UserPresence::nick).toList());
    assertFalse(lately.get(1).online());
  }

  @Test
  void remembersOnlyAsManyDepartedUsersAsItsLimit() {
    var directory = directory(2);
    for (String nick : List.of("a1", "a2", "a3")) {
      claim(directory, nick, new Directory.Claimed(nick));
      directory.tell(new Directory.Release(nick));
    }
    var lately = listUsers(directory, 3600L);
    assertEquals(List.of("a2", "a3"), lately.stream().map(ServerFrame.UserPresence::nick).toList());
  }
}
