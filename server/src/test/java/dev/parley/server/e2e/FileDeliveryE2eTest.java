package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Where a shared file's message goes, as any message would: to one person online, into an offline
 * account's mail, into a room's history and a late joiner's replay; and never to someone who blocks
 * its sender.
 */
@ExtendWith(LogCapturingExtension.class)
class FileDeliveryE2eTest {

  private static final String PASSWORD = "correct horse battery";
  @RegisterExtension static final RunningServer server = FileTransfers.serverWithFiles("e2e-files");

  private static ServerFrame.UploadSlot slotTo(RawClient client, String to, byte[] bytes) {
    client.sendFrame(
        "upload",
        "id",
        "d",
        "to",
        to,
        "name",
        "letter.txt",
        "size",
        bytes.length,
        "content_type",
        "text/plain",
        "sha256",
        FileTransfers.sha256(bytes));
    return client.expect(ServerFrame.UploadSlot.class);
  }

  @Test
  void aFileForSomeoneOnlineReachesThemAsADirectMessage() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      byte[] bytes = FileTransfers.bytes(4000, 20);
      var slot = slotTo(alice, bobNick, bytes);

      FileTransfers.uploadAll(slot, bytes);

      var direct = bob.expect(ServerFrame.Direct.class);
      assertEquals(slot.file(), direct.file().id());
      assertEquals("letter.txt", direct.file().name());
      var download = FileTransfers.get(direct.file().url());
      assertArrayEquals(bytes, download.body());
      var echo = alice.expect(ServerFrame.Direct.class);
      assertEquals(List.of(bobNick, slot.file()), List.of(echo.to(), echo.file().id()));
      assertEquals(
          "text/plain; charset=UTF-8", download.headers().firstValue("Content-Type").orElse(null));
    }
  }

  @Test
  void aFileForAnAccountOfflineWaitsInItsMail() {
    String bobNick = Names.nick("bob");
    try (var bob = RawClient.login(server.address(), bobNick)) {
      bob.sendFrame("register", "id", 1, "password", PASSWORD);
      bob.expect(ServerFrame.Ok.class);
    }
    byte[] bytes = FileTransfers.bytes(3000, 21);
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      FileTransfers.uploadAll(slotTo(alice, bobNick, bytes), bytes);
    }

    try (var bob = RawClient.connect(server.address())) {
      bob.sendFrame("hello", "nick", bobNick, "password", PASSWORD);
      bob.expect(ServerFrame.Welcome.class);
      var mail = bob.expect(ServerFrame.Direct.class);

      assertEquals(Boolean.TRUE, mail.offline());
      assertNotNull(mail.file(), mail.toString());
      assertArrayEquals(bytes, FileTransfers.get(mail.file().url()).body());
    }
  }

  @Test
  void aFileSharedInARoomIsInItsHistoryAndALateJoinersReplay() {
    String room = Names.room("kept");
    byte[] bytes = FileTransfers.bytes(2000, 22);
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      FileTransfers.uploadAll(
          FilesE2eTest.slotIn(alice, room, "minutes.pdf", "application/pdf", bytes), bytes);
      alice.expect(ServerFrame.Message.class);
    }

    try (var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      carol.sendFrame("join", "room", room);
      assertEquals(1, carol.expect(ServerFrame.Joined.class).replay());
      var replayed = carol.expect(ServerFrame.Message.class);
      carol.sendFrame("history", "id", "h", "room", room);
      var paged = carol.expect(ServerFrame.Message.class);
      carol.expect(ServerFrame.HistoryEnd.class);

      assertEquals(Boolean.TRUE, replayed.replay());
      assertEquals("minutes.pdf", replayed.file().name());
      assertEquals(replayed.file(), paged.file());
      assertArrayEquals(bytes, FileTransfers.get(paged.file().url()).body());
    }
  }

  @Test
  void someoneWhoBlocksTheSenderGetsNoneOfItsFiles() {
    String room = Names.room("blocks");
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      bob.sendFrame("join", "room", room);
      bob.expect(ServerFrame.Joined.class);
      alice.expect(ServerFrame.MemberJoined.class);
      bob.sendFrame("block", "id", "b", "nick", aliceNick);
      bob.expect(ServerFrame.Ok.class);
      byte[] bytes = FileTransfers.bytes(100, 23);

      FileTransfers.uploadAll(
          FilesE2eTest.slotIn(alice, room, "spam.bin", "application/zip", bytes), bytes);
      alice.sendFrame(
          "upload",
          "id",
          "x",
          "to",
          bobNick,
          "name",
          "spam.bin",
          "size",
          100,
          "sha256",
          FileTransfers.sha256(bytes));

      alice.expect(ServerFrame.Message.class);
      alice.expectError(ErrorCode.BLOCKED, FrameId.of("x"));
      bob.sendFrame("ping", "id", "p");
      bob.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void aFileIsNotSharedWithSomeoneWhoBlockedTheSenderWhileItWasUploaded() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      byte[] bytes = FileTransfers.bytes(100, 24);
      var slot = slotTo(alice, bobNick, bytes);
      bob.sendFrame("block", "id", "b", "nick", aliceNick);
      bob.expect(ServerFrame.Ok.class);

      var answer = FileTransfers.patch(slot, 0, bytes);

      assertEquals(409, answer.statusCode());
      assertTrue(answer.body().contains("does not take your messages"), answer.body());
      assertEquals(404, FileTransfers.head(slot, slot.token()).statusCode());
      bob.expectNothingFor(Duration.ofMillis(200));
    }
  }
}
