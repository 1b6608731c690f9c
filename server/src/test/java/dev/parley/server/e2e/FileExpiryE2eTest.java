package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
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
 * A shared file is deleted once it expires, and its message says so from then on; an upload not
 * finished in time is given up with its bytes.
 */
@ExtendWith(LogCapturingExtension.class)
class FileExpiryE2eTest {

  private static final Path FILES = FileTransfers.temporaryFolder();

  @RegisterExtension
  static final RunningServer server =
      new RunningServer("e2e-files-expiry", () -> Map.of("parley.files.dir", FILES.toString()));

  @Test
  void anExpiredFileIsGoneFromDiskAndItsMessageSaysItExpired() throws Exception {
    String room = Names.room("expiry");
    byte[] bytes = FileTransfers.bytes(1000, 30);
    SharedFile shared;
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      FileTransfers.uploadAll(
          FilesE2eTest.slotIn(alice, room, "soon.bin", "application/zip", bytes), bytes);
      shared = alice.expect(ServerFrame.Message.class).file();
    }
    assertEquals(200, FileTransfers.get(shared.url()).statusCode());

    awaitStatus(shared.url(), 410);
    awaitNoBytes();
    assertEquals(410, FileTransfers.get(shared.url()).statusCode(), "gone, and said so");

    try (var late = RawClient.login(server.address(), Names.nick("late"))) {
      late.sendFrame("join", "room", room);
      late.expect(ServerFrame.Joined.class);
      SharedFile told = late.expect(ServerFrame.Message.class).file();
      assertEquals(Boolean.TRUE, told.expired());
      assertNull(told.url());
      assertEquals(shared.id(), told.id());
    }
  }

  @Test
  void anUploadNotFinishedInTimeIsGivenUpWithItsBytes() throws Exception {
    String room = Names.room("slow");
    byte[] bytes = FileTransfers.bytes(1000, 31);
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      var slot = FilesE2eTest.slotIn(alice, room, "slow.bin", "application/zip", bytes);
      assertEquals(204, FileTransfers.patch(slot, 0, Arrays.copyOf(bytes, 400)).statusCode());

      long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
      while (FileTransfers.head(slot, slot.token()).statusCode() != 404) {
        if (System.nanoTime() > deadline) {
          throw new AssertionError("the upload is still there");
        }
        Thread.sleep(50);
      }
      awaitNoBytes();
      assertEquals(
          404, FileTransfers.patch(slot, 400, Arrays.copyOfRange(bytes, 400, 1000)).statusCode());
      alice.expectNothingFor(Duration.ofMillis(100));
    }
  }

  private static void awaitStatus(String url, int status) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    int last = 0;
    while (System.nanoTime() < deadline) {
      last = FileTransfers.get(url).statusCode();
      if (last == status) {
        return;
      }
      Thread.sleep(50);
    }
    throw new AssertionError("still " + last + ", not " + status + ", from " + url);
  }

  /** No file's bytes are left in the folder, whole or in part; descriptions may be. */
  private static void awaitNoBytes() throws Exception {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      try (var left = Files.list(FILES)) {
        if (left.allMatch(path -> path.getFileName().toString().endsWith(".json"))) {
          return;
        }
      }
      Thread.sleep(50);
    }
    throw new AssertionError("files left in " + FILES);
  }
}
