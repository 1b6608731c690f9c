package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an upload refuses over HTTP, each refusal leaving the upload as it was: a wrong or spent
 * token, a wrong offset, a body past the declared size, another type of body, a file whose SHA-256
 * is not the one declared; and nothing unfinished is ever announced.
 */
@ExtendWith(LogCapturingExtension.class)
class FileUploadRefusalsE2eTest {

  private static final Path FILES = FileTransfers.temporaryFolder();

  @RegisterExtension
  static final RunningServer server =
      new RunningServer("e2e-files", () -> Map.of("parley.files.dir", FILES.toString()));

  private static RawClient inNewRoom(String room) {
    var client = RawClient.login(server.address(), Names.nick("up"));
    client.sendFrame("create", "room", room);
    client.expect(ServerFrame.Joined.class);
    return client;
  }

  @Test
  void aWrongTokenIsRefusedAndASpentOneToo() {
    String room = Names.room("tokens");
    try (var alice = inNewRoom(room)) {
      byte[] bytes = FileTransfers.bytes(1000, 10);
      var slot = FilesE2eTest.slotIn(alice, room, "a.bin", "application/octet-stream", bytes);

      assertEquals(403, FileTransfers.patch(slot, "not-the-token", 0, bytes).statusCode());
      assertEquals(403, FileTransfers.head(slot, "not-the-token").statusCode());
      assertEquals(0, FileTransfers.offset(FileTransfers.head(slot, slot.token())));
      FileTransfers.uploadAll(slot, bytes);
      alice.expect(ServerFrame.Message.class);

      var again = FileTransfers.patch(slot, bytes.length, new byte[0]);
      assertEquals(403, again.statusCode());
      assertTrue(again.body().contains("spent"), again.body());
      var head = FileTransfers.head(slot, slot.token());
      assertEquals(200, head.statusCode(), "a client that lost the last answer may ask");
      assertEquals("?1", head.headers().firstValue("Upload-Complete").orElse(null));
      assertEquals(404, FileTransfers.patch(slotOf("0".repeat(32), slot), 0, bytes).statusCode());
    }
  }

  @Test
  void aWrongOffsetIsAnsweredWithTheRightOne() {
    String room = Names.room("offsets");
    try (var alice = inNewRoom(room)) {
      byte[] bytes = FileTransfers.bytes(1000, 11);
      var slot = FilesE2eTest.slotIn(alice, room, "b.bin", "application/octet-stream", bytes);
      assertEquals(204, FileTransfers.patch(slot, 0, Arrays.copyOf(bytes, 400)).statusCode());

      var wrong = FileTransfers.patch(slot, 300, Arrays.copyOfRange(bytes, 300, 1000));

      assertEquals(409, wrong.statusCode());
      assertEquals(400, FileTransfers.offset(wrong));
      assertEquals(400, FileTransfers.offset(FileTransfers.head(slot, slot.token())));
      var rest = FileTransfers.patch(slot, 400, Arrays.copyOfRange(bytes, 400, 1000));
      assertEquals(204, rest.statusCode(), rest.body());
      alice.expect(ServerFrame.Message.class);
    }
  }

  @Test
  void aBodyPastTheDeclaredSizeIsRefusedAndNothingOfItKept() {
    String room = Names.room("beyond");
    try (var alice = inNewRoom(room)) {
      byte[] bytes = FileTransfers.bytes(1000, 12);
      var slot = FilesE2eTest.slotIn(alice, room, "c.bin", "application/octet-stream", bytes);
      assertEquals(204, FileTransfers.patch(slot, 0, Arrays.copyOf(bytes, 100)).statusCode());
      byte[] tooMuch = FileTransfers.bytes(1500, 13);

      var said = FileTransfers.patch(slot, 100, tooMuch);
      var streamed = FileTransfers.patchStreamed(slot, 100, tooMuch);

      assertEquals(413, said.statusCode(), "a length said beforehand is refused at once");
      assertEquals(413, streamed.statusCode(), "a streamed body is cut where it passes the size");
      assertEquals(100, FileTransfers.offset(FileTransfers.head(slot, slot.token())));
      assertEquals(
          204, FileTransfers.patch(slot, 100, Arrays.copyOfRange(bytes, 100, 1000)).statusCode());
      assertEquals(
          FileTransfers.sha256(bytes), alice.expect(ServerFrame.Message.class).file().sha256());
    }
  }

  @Test
  void aBodyOfAnotherTypeIsRefused() {
    String room = Names.room("types");
    try (var alice = inNewRoom(room)) {
      byte[] bytes = FileTransfers.bytes(10, 14);
      var slot = FilesE2eTest.slotIn(alice, room, "d.bin", "application/octet-stream", bytes);

      var answer =
          FileTransfers.send(
              HttpRequest.newBuilder(URI.create(slot.url()))
                  .header("Upload-Token", slot.token())
                  .header("Upload-Offset", "0")
                  .header("Content-Type", "multipart/form-data; boundary=x")
                  .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(bytes))
                  .build());

      assertEquals(415, answer.statusCode());
      assertEquals(0, FileTransfers.offset(FileTransfers.head(slot, slot.token())));
    }
  }

  @Test
  void aFileWhoseDigestIsNotTheOneDeclaredIsDeletedAndNeverAnnounced() throws Exception {
    String room = Names.room("digest");
    try (var alice = inNewRoom(room)) {
      byte[] declared = FileTransfers.bytes(5000, 15);
      var slot = FilesE2eTest.slotIn(alice, room, "e.bin", "application/octet-stream", declared);
      byte[] sent = declared.clone();
      sent[4999] ^= 1;

      var answer = FileTransfers.patch(slot, 0, sent);

      assertEquals(422, answer.statusCode());
      assertTrue(answer.body().contains("SHA-256"), answer.body());
      assertEquals(404, FileTransfers.head(slot, slot.token()).statusCode());
      alice.expectNothingFor(Duration.ofMillis(200));
      awaitNoFileOf(slot.file());
    }
  }

  @Test
  void nothingUnfinishedCanBeDownloaded() {
    String room = Names.room("unfinished");
    try (var alice = inNewRoom(room)) {
      byte[] bytes = FileTransfers.bytes(1000, 16);
      var slot = FilesE2eTest.slotIn(alice, room, "f.bin", "application/octet-stream", bytes);
      FileTransfers.patch(slot, 0, Arrays.copyOf(bytes, 500));

      assertEquals(404, FileTransfers.get(slot.url()).statusCode());
      assertEquals(404, FileTransfers.get(slot.url() + "/f.bin").statusCode());
      assertEquals(
          404,
          FileTransfers.get(slot.url().replace(slot.file(), "..%2F..%2Fetc%2Fpasswd"))
              .statusCode());
    }
  }

  private static void awaitNoFileOf(String id) throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      try (var left = Files.list(FILES)) {
        if (left.noneMatch(path -> path.getFileName().toString().startsWith(id))) {
          return;
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the file " + id + " is still on disk");
  }

  private static ServerFrame.UploadSlot slotOf(String id, ServerFrame.UploadSlot like) {
    return new ServerFrame.UploadSlot(
        like.re(), id, like.url().replace(like.file(), id), like.token(), like.expires());
  }
}
