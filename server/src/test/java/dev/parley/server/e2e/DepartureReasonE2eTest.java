package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Whatever ends a session first, its rooms hear the reason the server chose: a kicked user whose
 * connection closes right after the bye, in a busy room, is announced kicked, not disconnected.
 */
@ExtendWith(LogCapturingExtension.class)
class DepartureReasonE2eTest {

  private static final int SAYS_WHILE_KICKING = 20;

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-fast-flood");

  @RepeatedTest(20)
  void aKickedUserIsAnnouncedKickedInABusyRoom() {
    String room = Names.room("busy");
    String kicked = Names.nick("kicked");
    try (var chatter = RawClient.login(server.address(), Names.nick("chatter"));
        var user = RawClient.login(server.address(), kicked)) {
      Rooms.enter(room, chatter, user);
      for (int i = 0; i < SAYS_WHILE_KICKING; i++) {
        chatter.sendFrame("say", "room", room, "text", "busy " + i);
        user.sendFrame("say", "room", room, "text", "last words " + i);
      }

      server.kick(kicked, "spam");
      ServerFrame frame = user.next();
      while (!(frame instanceof ServerFrame.Bye)) {
        frame = user.next();
      }
      assertEquals(DepartureReason.KICKED, ((ServerFrame.Bye) frame).reason());
      user.drop();

      ServerFrame.MemberLeft left = null;
      while (left == null) {
        if (chatter.next() instanceof ServerFrame.MemberLeft gone && gone.room().equals(room)) {
          left = gone;
        }
      }
      assertEquals(kicked, left.nick());
      assertEquals(DepartureReason.KICKED, left.reason(), chatter.lastLine());
    }
  }

  @RepeatedTest(10)
  void aUserWhoQuitsAndClosesAtOnceIsAnnouncedQuit() {
    String room = Names.room("quit");
    String leaving = Names.nick("leaving");
    try (var chatter = RawClient.login(server.address(), Names.nick("chatter"));
        var user = RawClient.login(server.address(), leaving)) {
      Rooms.enter(room, chatter, user);
      for (int i = 0; i < SAYS_WHILE_KICKING; i++) {
        user.sendFrame("say", "room", room, "text", "last words " + i);
      }
      user.sendFrame("quit");
      user.drop();

      ServerFrame.MemberLeft left = null;
      while (left == null) {
        if (chatter.next() instanceof ServerFrame.MemberLeft gone && gone.room().equals(room)) {
          left = gone;
        }
      }
      assertEquals(DepartureReason.QUIT, left.reason(), chatter.lastLine());
    }
  }
}
