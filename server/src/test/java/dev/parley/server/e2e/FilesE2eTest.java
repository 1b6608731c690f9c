package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import java.time.Duration;
import java.util.Arrays;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Sharing a file in a room, as docs/protocol.md's Files says: a slot asked for over the chat, the
 * bytes over HTTP in one piece or resumed after a cut, checked, then announced to the room and
 * downloaded, whole or in ranges, as an attachment.
 */
@ExtendWith(LogCapturingExtension.class)
class FilesE2eTest {

  @RegisterExtension static final RunningServer server = FileTransfers.serverWithFiles("e2e-files");

  /** Two clients in a new room: the first created it, the second saw nothing yet. */
  private static RawClient[] twoInARoom(String room) {
    var alice = RawClient.login(server.address(), Names.nick("alice"));
    alice.sendFrame("create", "room", room);
    alice.expect(ServerFrame.Joined.class);
    var bob = RawClient.login(server.address(), Names.nick("bob"));
    bob.sendFrame("join", "room", room);
    bob.expect(ServerFrame.Joined.class);
    alice.expect(ServerFrame.MemberJoined.class);
    return new RawClient[] {alice, bob};
  }

  static ServerFrame.UploadSlot slotIn(
      RawClient client, String room, String name, String type, byte[] bytes) {
    client.sendFrame(
        "upload",
        "id",
        "u",
        "room",
        room,
        "name",
        name,
        "size",
        bytes.length,
        "content_type",
        type,
        "sha256",
        FileTransfers.sha256(bytes));
    var slot = client.expect(ServerFrame.UploadSlot.class);
    assertEquals(FrameId.of("u"), slot.re());
    return slot;
  }

  @Test
  void aFileUploadedWholeIsAnnouncedToTheRoomAndDownloadedAsAnAttachment() {
    String room = Names.room("files");
    RawClient[] pair = twoInARoom(room);
    try (var alice = pair[0];
        var bob = pair[1]) {
      byte[] bytes = FileTransfers.bytes(300_000, 1);
      var slot = slotIn(alice, room, "holiday photo.png", "image/png", bytes);

      FileTransfers.uploadAll(slot, bytes);

      var message = bob.expect(ServerFrame.Message.class);
      SharedFile file = message.file();
      assertNotNull(file, "the message shares the file");
      assertEquals(
          Arrays.asList(slot.file(), "holiday photo.png", 300_000L, "image/png"),
          Arrays.asList(file.id(), file.name(), file.size(), file.contentType()));
      assertEquals(FileTransfers.sha256(bytes), file.sha256());
      assertEquals(alice.expect(ServerFrame.Message.class).seq(), message.seq());
      assertTrue(
          message.text().startsWith("shared holiday photo.png (293 KiB): http"), message.text());
      var download = FileTransfers.get(file.url());
      assertEquals(200, download.statusCode());
      assertArrayEquals(bytes, download.body());
      assertEquals("image/png", download.headers().firstValue("Content-Type").orElse(null));
      assertEquals(
          "attachment; filename=\"holiday photo.png\"; filename*=UTF-8''holiday%20photo.png",
          download.headers().firstValue("Content-Disposition").orElse(null));
      assertEquals("nosniff", download.headers().firstValue("X-Content-Type-Options").orElse(null));
    }
  }

  @Test
  void anUploadCutShortGoesOnWhereTheServerSaysItStopped() throws Exception {
    String room = Names.room("resume");
    RawClient[] pair = twoInARoom(room);
    try (var alice = pair[0];
        var bob = pair[1]) {
      byte[] bytes = FileTransfers.bytes(200_000, 2);
      var slot = slotIn(alice, room, "notes.bin", "application/octet-stream", bytes);

      FileTransfers.patchCutShort(slot, Arrays.copyOf(bytes, 70_000), bytes.length);
      long arrived = awaitOffsetSettled(slot);
      assertEquals(70_000, arrived, "everything sent before the cut is kept");
      bob.expectNothingFor(Duration.ofMillis(200));
      var rest =
          FileTransfers.patch(
              slot, arrived, Arrays.copyOfRange(bytes, (int) arrived, bytes.length));

      assertEquals(204, rest.statusCode(), rest.body());
      assertEquals(bytes.length, FileTransfers.offset(rest));
      var file = bob.expect(ServerFrame.Message.class).file();
      assertArrayEquals(bytes, FileTransfers.get(file.url()).body());
    }
  }

  /** Asks where an upload stands until the request cut off has been taken in to its end. */
  private static long awaitOffsetSettled(ServerFrame.UploadSlot slot) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var head = FileTransfers.head(slot, slot.token());
      assertEquals(200, head.statusCode());
      // the offset moves only once the request that writes has ended
      if (FileTransfers.offset(head) > 0) {
        return FileTransfers.offset(head);
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the cut request never ended");
  }

  @Test
  void aDownloadResumesWithARange() {
    String room = Names.room("range");
    RawClient[] pair = twoInARoom(room);
    try (var alice = pair[0];
        var bob = pair[1]) {
      byte[] bytes = FileTransfers.bytes(50_000, 3);
      var slot = slotIn(alice, room, "big.bin", "application/zip", bytes);
      FileTransfers.uploadAll(slot, bytes);
      String url = bob.expect(ServerFrame.Message.class).file().url();

      var part = FileTransfers.get(url, "Range", "bytes=40000-");

      assertEquals(206, part.statusCode());
      assertArrayEquals(Arrays.copyOfRange(bytes, 40_000, 50_000), part.body());
      assertEquals(416, FileTransfers.get(url, "Range", "bytes=60000-").statusCode());
      String tag = part.headers().firstValue("ETag").orElseThrow();
      var resumed = FileTransfers.get(url, "Range", "bytes=49990-", "If-Range", tag);
      assertEquals(206, resumed.statusCode(), "the same file: the rest of it");
      assertArrayEquals(Arrays.copyOfRange(bytes, 49_990, 50_000), resumed.body());
      assertEquals(304, FileTransfers.get(url, "If-None-Match", tag).statusCode());
    }
  }

  @Test
  void aTypeThatBrowsersRunIsServedAsBytes() {
    String room = Names.room("html");
    RawClient[] pair = twoInARoom(room);
    try (var alice = pair[0];
        var bob = pair[1]) {
      byte[] page = "<script>alert(1)</script>".getBytes(java.nio.charset.StandardCharsets.UTF_8);
      for (String type : new String[] {"text/html", "image/svg+xml", "application/javascript"}) {
        var slot = slotIn(alice, room, "page.html", type, page);
        FileTransfers.uploadAll(slot, page);
        var download = FileTransfers.get(bob.expect(ServerFrame.Message.class).file().url());

        assertEquals(
            "application/octet-stream",
            download.headers().firstValue("Content-Type").orElse(null),
            type);
        assertEquals(
            "default-src 'none'; sandbox",
            download.headers().firstValue("Content-Security-Policy").orElse(null));
        alice.expect(ServerFrame.Message.class);
      }
    }
  }

  @Test
  void aSlotIsRefusedWithTheReason() {
    String room = Names.room("refusals");
    RawClient[] pair = twoInARoom(room);
    try (var alice = pair[0];
        var bob = pair[1]) {
      String sha = FileTransfers.sha256(new byte[0]);
      alice.sendFrame(
          "upload", "id", 1, "room", "elsewhere", "name", "a", "size", 1, "sha256", sha);
      alice.expectError(ErrorCode.NOT_IN_ROOM, FrameId.of(1));
      alice.sendFrame(
          "upload", "id", 2, "to", "nobody-here", "name", "a", "size", 1, "sha256", sha);
      alice.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(2));
      alice.sendFrame(
          "upload", "id", 3, "room", room, "name", "../../etc/passwd", "size", 1, "sha256", sha);
      alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(3));
      alice.sendFrame("upload", "id", 4, "room", room, "name", "a", "size", 1, "sha256", "abc");
      alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(4));
      alice.sendFrame(
          "upload", "id", 5, "room", room, "to", "x", "name", "a", "size", 1, "sha256", sha);
      alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(5));
      alice.sendFrame("upload", "id", 6, "room", room, "name", "a", "size", 3 << 20, "sha256", sha);
      var tooLarge = alice.expectError(ErrorCode.FILE_TOO_LARGE, FrameId.of(6));
      assertTrue(tooLarge.message().contains("2.0 MiB"), tooLarge.message());
      alice.sendFrame(
          "upload",
          "id",
          7,
          "room",
          room,
          "name",
          "a",
          "size",
          1,
          "sha256",
          sha,
          "content_type",
          "not a type");
      alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(7));
      alice.sendFrame("ping", "id", "p");
      alice.expectPong(FrameId.of("p"));
      bob.expectNothingFor(Duration.ofMillis(100));
    }
  }
}
