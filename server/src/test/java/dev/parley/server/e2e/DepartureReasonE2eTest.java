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
      assertEquals("spam", left.text(), chatter.lastLine());
    }
  }

  @RepeatedTest(10)
  void aUserCutOffForBadFramesIsAnnouncedProtocolErrors() {
    String room = Names.room("bad");
    String sloppy = Names.nick("sloppy");
    try (var chatter = RawClient.login(server.address(), Names.nick("chatter"));
        var user = RawClient.login(server.address(), sloppy)) {
      Rooms.enter(room, chatter, user);
      for (int i = 0; i < SAYS_WHILE_KICKING; i++) {
        user.sendFrame("say", "room", room, "text", "last words " + i);
        user.sendLine("not json");
      }
      // closed once the server's bye is read: a reset before would lose what the server had not
      // read yet, and then the user did disconnect first
      ServerFrame frame = user.next();
      while (!(frame instanceof ServerFrame.Bye)) {
        frame = user.next();
      }
      assertEquals(DepartureReason.PROTOCOL_ERRORS, ((ServerFrame.Bye) frame).reason());
      user.drop();

      assertEquals(DepartureReason.PROTOCOL_ERRORS, leftOf(chatter, room).reason());
    }
  }

  @RepeatedTest(5)
  void aUserWhoseAccountLogsInElsewhereIsAnnouncedReplaced() {
    String room = Names.room("moved");
    String nick = Names.nick("moving");
    String password = "a password long enough";
    try (var chatter = RawClient.login(server.address(), Names.nick("chatter"));
        var first = RawClient.login(server.address(), nick)) {
      first.sendFrame("register", "id", "r", "password", password);
      first.expect(ServerFrame.Ok.class);
      Rooms.enter(room, chatter, first);
      for (int i = 0; i < SAYS_WHILE_KICKING; i++) {
        first.sendFrame("say", "room", room, "text", "last words " + i);
      }
      try (var second = RawClient.connect(server.address())) {
        second.sendFrame("hello", "nick", nick, "password", password, "take_over", true);
        second.expect(ServerFrame.Welcome.class);
        first.drop();

        assertEquals(DepartureReason.REPLACED, leftOf(chatter, room).reason());
      }
    }
  }

  private static ServerFrame.MemberLeft leftOf(RawClient watcher, String room) {
    while (true) {
      if (watcher.next() instanceof ServerFrame.MemberLeft left && left.room().equals(room)) {
        return left;
      }
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
      // gone at once after its bye: before it, a reset could lose the quit itself
      ServerFrame frame = user.next();
      while (!(frame instanceof ServerFrame.Bye)) {
        frame = user.next();
      }
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
