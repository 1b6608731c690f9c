package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.CommandParser;
import dev.parley.client.command.ParsedLine;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.files.FileEvent;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An upload cut while the network goes away, chat connection and all: the client waits long before
 * it tries again, unless the chat connection is back first, as here; then it asks how far the
 * upload got and finishes it.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class FilesAfterAReconnectTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static final Path FOLDER = temporaryFolder();
  private static final TamperingRelay DOOR = new TamperingRelay();

  @RegisterExtension
  static final RunningServer server =
      new RunningServer(
          () ->
              ConfigFactory.parseMap(
                      Map.of(
                          "parley.files.dir", FOLDER.resolve("server").toString(),
                          "parley.files.public-url", DOOR.url()))
                  .withFallback(TEST_CONFIG));

  // far longer than any wait of this test: only the reconnect ends it
  private static final Config CLIENT_CONFIG =
      ConfigFactory.parseMap(
              Map.of(
                  "parley.client.files.chunk-size", "64KiB",
                  "parley.client.files.retries", 2,
                  "parley.client.files.min-backoff", "10m",
                  "parley.client.files.max-backoff", "10m"))
          .withFallback(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(CLIENT_CONFIG).build();

  private static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("parley-client-files-reconnect");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void typed(LobbyClient client, String line) {
    var ready = assertInstanceOf(ParsedLine.Ready.class, CommandParser.parse(line), line);
    client.connection().tell(new Connection.Submit(ready.command(), testKit.system().ignoreRef()));
  }

  @Test
  void anUploadWaitingToTryAgainGoesOnOnceTheChatConnectionIsBack() throws IOException {
    DOOR.relayTo(server.httpAddress());
    byte[] bytes = new byte[300_000];
    new Random(7).nextBytes(bytes);
    Path file = Files.write(FOLDER.resolve("report.pdf"), bytes);
    var bob = LobbyClient.connect(testKit, CLIENT_CONFIG, server.address(), "bob");
    try (var relay = new Relay(server.address())) {
      var alice =
          LobbyClient.connect(
              testKit, CLIENT_CONFIG, new InetSocketAddress("127.0.0.1", relay.port()), "alice");

      DOOR.cutOnce(TamperingRelay.Way.UP, 150_000);
      typed(alice, "/send bob " + file);
      var retrying =
          (FileEvent.Retrying)
              alice
                  .view()
                  .await(ClientEvent.Files.class, f -> f.event() instanceof FileEvent.Retrying)
                  .event();
      assertTrue(retrying.in().compareTo(Duration.ofMinutes(10)) >= 0, retrying.toString());

      relay.dropClients();
      relay.releaseHeld();
      alice.view().await(ClientEvent.ConnectionLost.class);
      alice.view().await(ServerFrame.Welcome.class);
      alice.view().await(ClientEvent.Files.class, f -> f.event() instanceof FileEvent.Sent);
    }

    var direct = bob.view().await(ServerFrame.Direct.class, d -> d.file() != null);
    assertEquals("report.pdf", direct.file().name());
    Path into = Files.createDirectory(FOLDER.resolve("downloads"));
    typed(bob, "/get " + direct.file().id() + " " + into);
    var received =
        (FileEvent.Received)
            bob.view()
                .await(ClientEvent.Files.class, f -> f.event() instanceof FileEvent.Received)
                .event();
    assertArrayEquals(bytes, Files.readAllBytes(received.path()));
    assertTrue(DOOR.done());
  }
}
