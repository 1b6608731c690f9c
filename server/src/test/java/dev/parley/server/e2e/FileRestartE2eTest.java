package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Shared files outlive a restart of the server; uploads under way when it stopped do not. */
@ExtendWith(LogCapturingExtension.class)
class FileRestartE2eTest {

  private static Config configFor(Path files) {
    return ConfigFactory.parseMap(Map.of("parley.files.dir", files.toString()))
        .withFallback(ConfigFactory.load("e2e-files"))
        .resolve();
  }

  /** The same path on the server that came back, which listens on another port. */
  private static String on(ParleyServer server, String url) {
    var address = server.httpAddress().orElseThrow();
    return "http://127.0.0.1:" + address.getPort() + URI.create(url).getRawPath();
  }

  @Test
  void aSharedFileIsServedAfterARestartAndAnUnfinishedUploadIsGone() throws Exception {
    Path files = Files.createTempDirectory("parley-file-restart-e2e");
    String room = Names.room("restart");
    byte[] kept = FileTransfers.bytes(3000, 40);
    byte[] unfinished = FileTransfers.bytes(3000, 41);
    String keptUrl;
    ServerFrame.UploadSlot partial;
    try (var first = ParleyServer.start(configFor(files));
        var alice = RawClient.login(first.address(), Names.nick("alice"))) {
      alice.sendFrame("create", "room", room);
      alice.expect(ServerFrame.Joined.class);
      FileTransfers.uploadAll(
          FilesE2eTest.slotIn(alice, room, "kept.bin", "application/zip", kept), kept);
      keptUrl = alice.expect(ServerFrame.Message.class).file().url();
      partial = FilesE2eTest.slotIn(alice, room, "half.bin", "application/zip", unfinished);
      assertEquals(
          204, FileTransfers.patch(partial, 0, Arrays.copyOf(unfinished, 1000)).statusCode());
    }

    try (var second = ParleyServer.start(configFor(files))) {
      assertArrayEquals(kept, FileTransfers.get(on(second, keptUrl)).body());
      var moved =
          new ServerFrame.UploadSlot(
              partial.re(),
              partial.file(),
              on(second, partial.url()),
              partial.token(),
              partial.expires());
      assertEquals(404, FileTransfers.head(moved, partial.token()).statusCode());
      try (var left = Files.list(files)) {
        assertEquals(
            0,
            left.filter(path -> path.getFileName().toString().startsWith(partial.file())).count());
      }
    }
  }
}
