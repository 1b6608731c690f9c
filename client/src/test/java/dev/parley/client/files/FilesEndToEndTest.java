package dev.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.ClientRun;
import dev.parley.client.LobbyClient;
import dev.parley.client.RunningServer;
import dev.parley.client.TamperingRelay;
import dev.parley.client.command.CommandParser;
import dev.parley.client.command.ParsedLine;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.protocol.SharedFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Files shared through a real server by two clients of the project's own, each line typed as a user
 * types it: sent to a room and to a nick, listed, downloaded and checked; an upload and a download
 * that a relay in front of the HTTP door cuts, and that go on; a download it spoils, deleted; and
 * the server's refusals, shown.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class FilesEndToEndTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static final Path FOLDER = temporaryFolder("parley-client-files");
  private static final TamperingRelay DOOR = new TamperingRelay();
  private static final int SIZE = 300_000;
  private static final Duration TRANSFER_TIMEOUT = Duration.ofSeconds(20);
  private static final AtomicInteger names = new AtomicInteger();

  @RegisterExtension
  static final RunningServer server =
      new RunningServer(
          () ->
              ConfigFactory.parseMap(
                      Map.of(
                          "parley.files.dir", FOLDER.resolve("server").toString(),
                          "parley.files.public-url", DOOR.url(),
                          "parley.files.max-file-size", "1MiB"))
                  .withFallback(TEST_CONFIG));

  private static final Config CLIENT_CONFIG =
      ConfigFactory.parseMap(
              Map.of(
                  "parley.client.files.chunk-size", "64KiB",
                  "parley.client.files.retries", 6,
                  "parley.client.files.min-backoff", "50ms",
                  "parley.client.files.max-backoff", "400ms"))
          .withFallback(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(CLIENT_CONFIG).build();

  private final FrameRenderer renderer = new FrameRenderer(Clock.systemUTC(), "HH:mm:ss");

  private static Path temporaryFolder(String name) {
    try {
      return Files.createTempDirectory(name);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @BeforeEach
  void relayToTheDoor() {
    DOOR.relayTo(server.httpAddress());
  }

  /** Alice and Bob, both in a new room. */
  private LobbyClient[] twoInARoom(String room) {
    var alice = connect("alice");
    var bob = connect("bob");
    typed(alice, "/create #" + room);
    alice.view().await(ClientEvent.PromptChanged.class, p -> room.equals(p.room()));
    typed(bob, "/join #" + room);
    bob.view().await(ServerFrame.Joined.class, j -> j.room().equals(room));
    return new LobbyClient[] {alice, bob};
  }

  private LobbyClient connect(String who) {
    return LobbyClient.connect(
        testKit, CLIENT_CONFIG, server.address(), who + names.incrementAndGet());
  }

  private static String nick(LobbyClient client) {
    return client.view().shownSoFar(ServerFrame.Welcome.class).get(0).nick();
  }

  /** Types {@code line} as a user does; the probe hears when it is done. */
  private TestProbe<Connection.Outcome> typed(LobbyClient client, String line) {
    var parsed = CommandParser.parse(line);
    var ready = assertInstanceOf(ParsedLine.Ready.class, parsed, line);
    TestProbe<Connection.Outcome> done = testKit.createTestProbe();
    client.connection().tell(new Connection.Submit(ready.command(), done.ref()));
    return done;
  }

  private static <T extends FileEvent> T awaitFileEvent(LobbyClient client, Class<T> type) {
    var shown = client.view().await(ClientEvent.Files.class, f -> type.isInstance(f.event()));
    return type.cast(shown.event());
  }

  private static Path aFile(String name, int size) throws IOException {
    byte[] bytes = new byte[size];
    new Random(size).nextBytes(bytes);
    Path folder = Files.createTempDirectory(FOLDER, "sent");
    return Files.write(folder.resolve(name), bytes);
  }

  private static Path downloads() throws IOException {
    return Files.createTempDirectory(FOLDER, "downloads");
  }

  private static SharedFile awaitSharedFile(LobbyClient client) {
    return client.view().await(ServerFrame.Message.class, m -> m.file() != null).file();
  }

  @Test
  void aFileSentToARoomIsSeenListedAndDownloadedWhole() throws IOException {
    var clients = twoInARoom("pictures" + names.incrementAndGet());
    var alice = clients[0];
    var bob = clients[1];
    Path holiday = aFile("holiday.png", SIZE);

    var sending =
        typed(
            alice,
            "/send #"
                + bob.view().shownSoFar(ServerFrame.Joined.class).get(1).room()
                + " "
                + holiday);
    var sent = awaitFileEvent(alice, FileEvent.Sent.class);
    assertEquals(SIZE, sent.size());
    sending.expectMessage(TRANSFER_TIMEOUT, Connection.Answered.INSTANCE);

    var message = bob.view().await(ServerFrame.Message.class, m -> m.file() != null);
    SharedFile file = message.file();
    assertEquals("holiday.png", file.name());
    assertEquals("image/png", file.contentType());
    String id = file.id().substring(0, 8);
    String line = renderer.render(message, nick(bob)).get(0).toString();
    assertTrue(
        line.endsWith(
            "<" + nick(alice) + "> shared holiday.png (293.0 KiB) [id " + id + "]  /get " + id),
        line);

    typed(bob, "/files");
    var listed = awaitFileEvent(bob, FileEvent.Listed.class);
    // the lobby's history may replay files of other tests
    var holidays = listed.files().stream().filter(f -> f.file().id().equals(file.id())).toList();
    assertEquals(1, holidays.size(), listed.toString());
    assertEquals(nick(alice), holidays.get(0).from());
    assertEquals(message.room(), holidays.get(0).room());
    assertEquals(SIZE, holidays.get(0).file().size());

    Path into = downloads();
    var getting = typed(bob, "/get " + id + " " + into);
    var received = awaitFileEvent(bob, FileEvent.Received.class);
    getting.expectMessage(TRANSFER_TIMEOUT, Connection.Answered.INSTANCE);
    assertEquals(into.resolve("holiday.png"), received.path());
    assertArrayEquals(Files.readAllBytes(holiday), Files.readAllBytes(received.path()));
    assertEquals(FileDigest.sha256(holiday), FileDigest.sha256(received.path()));

    typed(bob, "/get " + id + " " + into);
    var again = awaitFileEvent(bob, FileEvent.Received.class);
    assertEquals(into.resolve("holiday (1).png"), again.path());
  }

  @Test
  void aFileSentToANickArrivesAsADirectMessage() throws IOException {
    var alice = connect("alice");
    var bob = connect("bob");
    Path notes = aFile("notes.txt", 70_000);

    typed(alice, "/send " + nick(bob) + " " + notes);
    awaitFileEvent(alice, FileEvent.Sent.class);

    var direct = bob.view().await(ServerFrame.Direct.class, d -> d.file() != null);
    assertEquals(nick(alice), direct.from());
    assertTrue(renderer.render(direct, nick(bob)).get(0).toString().contains("shared notes.txt"));

    typed(bob, "/files");
    var listed = awaitFileEvent(bob, FileEvent.Listed.class);
    var notesSeen =
        listed.files().stream().filter(f -> f.file().id().equals(direct.file().id())).toList();
    assertEquals(1, notesSeen.size(), listed.toString());
    assertEquals(null, notesSeen.get(0).room());
    assertEquals(nick(alice), notesSeen.get(0).from());

    Path into = downloads();
    typed(bob, "/get " + direct.file().id() + " " + into.resolve("mine.txt"));
    var received = awaitFileEvent(bob, FileEvent.Received.class);
    assertEquals(into.resolve("mine.txt"), received.path());
    assertArrayEquals(Files.readAllBytes(notes), Files.readAllBytes(received.path()));
  }

  @Test
  void anUploadCutMidwayGoesOnFromWhereTheServerGotTo() throws IOException {
    var clients = twoInARoom("cut" + names.incrementAndGet());
    var alice = clients[0];
    var bob = clients[1];
    Path big = aFile("big.bin", SIZE);

    DOOR.cutOnce(TamperingRelay.Way.UP, 200_000);
    typed(
        alice,
        "/send #" + alice.view().shownSoFar(ServerFrame.Joined.class).get(1).room() + " " + big);
    var retrying = awaitFileEvent(alice, FileEvent.Retrying.class);
    assertEquals(FileEvent.Direction.UP, retrying.direction());
    awaitFileEvent(alice, FileEvent.Sent.class);
    assertTrue(DOOR.done());
    // a new start would have sent 200 000 bytes more than the file
    assertTrue(DOOR.bytesUp() < SIZE + 50_000, "sent " + DOOR.bytesUp());

    SharedFile file = awaitSharedFile(bob);
    Path into = downloads();
    typed(bob, "/get " + file.id() + " " + into);
    var received = awaitFileEvent(bob, FileEvent.Received.class);
    assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(received.path()));
  }

  @Test
  void aDownloadCutMidwayGoesOnFromThePartKept() throws IOException {
    var clients = twoInARoom("part" + names.incrementAndGet());
    var alice = clients[0];
    var bob = clients[1];
    Path big = aFile("big.bin", SIZE);
    typed(
        alice,
        "/send #" + alice.view().shownSoFar(ServerFrame.Joined.class).get(1).room() + " " + big);
    SharedFile file = awaitSharedFile(bob);

    Path into = downloads();
    DOOR.cutOnce(TamperingRelay.Way.DOWN, 150_000);
    typed(bob, "/get " + file.id() + " " + into);
    var retrying = awaitFileEvent(bob, FileEvent.Retrying.class);
    assertEquals(FileEvent.Direction.DOWN, retrying.direction());
    assertTrue(retrying.done() > 100_000, "kept " + retrying.done());
    var received = awaitFileEvent(bob, FileEvent.Received.class);
    assertArrayEquals(Files.readAllBytes(big), Files.readAllBytes(received.path()));
    assertFalse(Files.exists(into.resolve("big.bin.part")));
  }

  @Test
  void aDownloadWhoseSha256DoesNotMatchIsDeleted() throws IOException {
    var clients = twoInARoom("flip" + names.incrementAndGet());
    var alice = clients[0];
    var bob = clients[1];
    Path big = aFile("big.bin", SIZE);
    typed(
        alice,
        "/send #" + alice.view().shownSoFar(ServerFrame.Joined.class).get(1).room() + " " + big);
    SharedFile file = awaitSharedFile(bob);

    Path into = downloads();
    DOOR.flipOnce(100_000);
    typed(bob, "/get " + file.id() + " " + into);
    var failed = awaitFileEvent(bob, FileEvent.Failed.class);
    assertTrue(DOOR.done());
    assertTrue(failed.reason().contains("as announced: the download is deleted"), failed.reason());
    assertFalse(Files.exists(into.resolve("big.bin")));
    assertFalse(Files.exists(into.resolve("big.bin.part")));
    String shown = renderer.render(new ClientEvent.Files(failed)).get(0).toString();
    assertTrue(shown.contains("big.bin not downloaded: its SHA-256 is"), shown);
  }

  @Test
  void aScriptSendsAFileAndSaysWhenItStartsAndEnds() throws IOException {
    var alice = connect("alice");
    String room = "scripted" + names.incrementAndGet();
    typed(alice, "/create #" + room);
    alice.view().await(ClientEvent.PromptChanged.class, p -> room.equals(p.room()));
    Path notes = aFile("script.txt", 70_000);

    var run =
        ClientRun.of(
            "/join #" + room + "\n/send #" + room + " " + notes + "\n/quit\n",
            "--port",
            String.valueOf(server.address().getPort()),
            "--nick",
            "scripted" + names.incrementAndGet());

    assertEquals(0, run.status(), run.out() + run.err());
    assertTrue(run.out().contains("-- sending script.txt (68.4 KiB) to #" + room), run.out());
    assertTrue(run.out().contains("-- sent script.txt (68.4 KiB) to #" + room + " in "), run.out());
    assertEquals("script.txt", awaitSharedFile(alice).name());
  }

  @Test
  void anEmptyFileIsSharedAndDownloadedToo() throws IOException {
    var alice = connect("alice");
    var bob = connect("bob");
    Path empty = aFile("empty.txt", 0);

    typed(alice, "/send " + nick(bob) + " " + empty);
    awaitFileEvent(alice, FileEvent.Sent.class);
    var direct = bob.view().await(ServerFrame.Direct.class, d -> d.file() != null);
    assertEquals(0, direct.file().size());

    Path into = downloads();
    typed(bob, "/get " + direct.file().id() + " " + into);
    var received = awaitFileEvent(bob, FileEvent.Received.class);
    assertEquals(0, Files.size(received.path()));
  }

  @Test
  void theRefusalsAreShown() throws IOException {
    var alice = connect("alice");
    var bob = connect("bob");
    Path tooBig = aFile("huge.iso", 1024 * 1024 + 1);

    var sending = typed(alice, "/send " + nick(bob) + " " + tooBig);
    var error = alice.view().await(ServerFrame.Error.class);
    assertEquals(ErrorCode.FILE_TOO_LARGE, error.code());
    assertNotNull(error.message());
    var notSent = awaitFileEvent(alice, FileEvent.Failed.class);
    assertEquals("huge.iso", notSent.name());
    sending.expectMessage(Connection.Answered.INSTANCE);

    typed(alice, "/send " + nick(bob) + " " + FOLDER.resolve("no-such-file"));
    var missing = awaitFileEvent(alice, FileEvent.Failed.class);
    assertTrue(missing.reason().startsWith("there is no file"), missing.reason());

    typed(alice, "/get 0123abcd");
    var unknown = awaitFileEvent(alice, FileEvent.Failed.class);
    assertTrue(unknown.reason().contains("was shared with you this session"), unknown.reason());
  }
}
