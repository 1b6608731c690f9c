package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.client.files.FileEvent;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The file commands frame by frame, against a server played by hand: the upload asked for, the
 * server's refusals of the slot and of the upload, and an expired file refused without a download.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class FileSharingTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  @TempDir Path folder;

  private final FakeServer server = new FakeServer();
  private final RecordingView view = new RecordingView();
  private HttpServer door;

  @AfterEach
  void stop() throws IOException {
    server.close();
    if (door != null) {
      door.stop(0);
    }
  }

  private ActorRef<Connection.Command> connected() {
    var config =
        ConfigFactory.parseMap(
                Map.of("parley.client.port", server.port(), "parley.client.nick", "alice"))
            .withFallback(TEST_CONFIG);
    return testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
  }

  private void submit(ActorRef<Connection.Command> connection, UserCommand command) {
    connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
  }

  private FileEvent.Failed awaitFailed() {
    return assertInstanceOf(
        FileEvent.Failed.class,
        view.await(ClientEvent.Files.class, f -> f.event() instanceof FileEvent.Failed).event());
  }

  private Path hello() throws IOException {
    return Files.writeString(folder.resolve("hello.txt"), "hello, file\n");
  }

  @Test
  void theUploadAskedForNamesTheFileAndItsSizeTypeAndSha256() throws IOException {
    var connection = connected();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    Path hello = hello();

    submit(connection, new UserCommand.SendFile("lobby", null, hello.toString()));
    var upload = peer.expect(ClientFrame.Upload.class);
    assertEquals("hello.txt", upload.name());
    assertEquals(12, upload.size());
    assertEquals("text/plain", upload.contentType());
    assertEquals(sha256("hello, file\n"), upload.sha256());
    assertEquals("lobby", upload.room());
    assertEquals(null, upload.to());

    peer.send(
        new ServerFrame.Error(
            upload.id(), ErrorCode.QUOTA_EXCEEDED, "your account's files would pass 1 GiB", null));
    assertEquals(ErrorCode.QUOTA_EXCEEDED, view.await(ServerFrame.Error.class).code());
    var failed = awaitFailed();
    assertEquals("hello.txt", failed.name());
    assertEquals(FileEvent.Direction.UP, failed.direction());
  }

  @ParameterizedTest
  @CsvSource({
    "409, not shared: you are not in lobby; the file is deleted, the server did not share it",
    "422, the file's SHA-256 is 00; it is deleted, the server got other bytes than this file's",
    "413, the body would take the file past its declared size, the server took no more bytes",
    "403, wrong upload token, the server refused the upload's token",
    "404, no such upload; it may have expired, the server has no such upload any more"
  })
  void aRefusalOfTheUploadSaysWhatItMeans(int status, String said, String meaning)
      throws IOException {
    door = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    door.createContext(
        "/files/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          byte[] body = said.getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(status, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    door.start();
    var connection = connected();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");

    submit(connection, new UserCommand.SendFile(null, "bob", hello().toString()));
    var upload = peer.expect(ClientFrame.Upload.class);
    String url = "http://127.0.0.1:" + door.getAddress().getPort() + "/files/f00d";
    peer.send(new ServerFrame.UploadSlot(upload.id(), "f00d", url, "token", T0.plusSeconds(60)));

    var failed = awaitFailed();
    assertEquals(meaning + ": " + said, failed.reason());
  }

  @Test
  void anExpiredFileIsListedAsExpiredAndRefusedWithoutADownload() {
    var connection = connected();
    FakeServer.Peer peer = server.accept();
    peer.welcome("alice");
    var gone =
        new SharedFile(
            "3f2a19bc00112233445566778899aabb",
            "holiday.png",
            1_258_291,
            "image/png",
            "ab".repeat(32),
            null,
            T0,
            true);
    peer.send(
        new ServerFrame.Message(
            null, "lobby", 4, "bob", "shared holiday.png", T0, true, null, gone));
    view.await(ServerFrame.Message.class);

    submit(connection, UserCommand.ListFiles.INSTANCE);
    var listed =
        (FileEvent.Listed)
            view.await(ClientEvent.Files.class, f -> f.event() instanceof FileEvent.Listed).event();
    assertEquals(1, listed.files().size());
    assertEquals("3f2a19bc", listed.files().get(0).shortId());

    submit(connection, new UserCommand.GetFile("3f2a", null));
    var failed = awaitFailed();
    assertEquals(FileEvent.Direction.DOWN, failed.direction());
    assertTrue(failed.reason().contains("expired"), failed.reason());
  }

  private static String sha256(String text) {
    try {
      var digest = java.security.MessageDigest.getInstance("SHA-256");
      return java.util.HexFormat.of()
          .formatHex(digest.digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
