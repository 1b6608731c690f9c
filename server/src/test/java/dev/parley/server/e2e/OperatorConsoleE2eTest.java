package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import dev.parley.server.console.OperatorConsole;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PipedReader;
import java.io.PipedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The operator's console, driven through its input, against connected clients. */
@ExtendWith(LogCapturingExtension.class)
class OperatorConsoleE2eTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final Duration POLL = Duration.ofMillis(10);

  private ParleyServer server;
  private PipedWriter typing;
  private final StringWriter screen = new StringWriter();
  private Thread console;

  @BeforeEach
  void startServerAndConsole() throws IOException {
    server = ParleyServer.start(ConfigFactory.load("application-test"));
    typing = new PipedWriter();
    var input = new BufferedReader(new PipedReader(typing));
    console =
        new Thread(
            new OperatorConsole(server, input, new PrintWriter(screen, true), ZoneOffset.UTC),
            "test-console");
    console.start();
  }

  @AfterEach
  void stop() throws IOException, InterruptedException {
    typing.close();
    console.join(TIMEOUT.toMillis());
    server.close();
  }

  private void type(String line) {
    try {
      typing.write(line + "\n");
      typing.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the console printed {@code expected}, then returns all it printed so far. */
  private String awaitScreen(String expected) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      String shown = screen.toString();
      if (shown.contains(expected)) {
        return shown;
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
    return fail("the console never printed '" + expected + "'; it printed:\n" + screen);
  }

  @Test
  void sendsPlainTextToEveryoneOnlineAsANotice() {
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), Names.nick("bob"))) {
      type("maintenance at noon");
      assertEquals("maintenance at noon", alice.expect(ServerFrame.Notice.class).text());
      assertEquals("maintenance at noon", bob.expect(ServerFrame.Notice.class).text());
      awaitScreen("Notice sent.");
    }
  }

  @Test
  void listsEveryConnectionWithItsNickAddressAndRooms() {
    String alice = Names.nick("alice");
    String room = Names.room("ops");
    try (var client = RawClient.login(server.address(), alice);
        var newcomer = RawClient.connect(server.address())) {
      client.sendFrame("create", "room", room);
      client.expect(ServerFrame.Joined.class);
      newcomer.sendFrame("ping");
      newcomer.expect(ServerFrame.Pong.class);
      type("/who");
      String shown = awaitScreen("(no hello yet)");
      assertTrue(shown.contains("2 connection(s)"), shown);
      String aliceLine =
          shown.lines().filter(line -> line.contains(alice)).findFirst().orElseThrow();
      assertTrue(aliceLine.contains("127.0.0.1:"), aliceLine);
      assertTrue(aliceLine.contains("lobby, " + room), aliceLine);
    }
  }

  @Test
  void listsTheRoomsWithTheirMembersAndTopics() {
    String room = Names.room("ops");
    try (var client = RawClient.login(server.address(), Names.nick("alice"))) {
      client.sendFrame("create", "room", room, "topic", "the operators' room");
      client.expect(ServerFrame.Joined.class);
      type("/rooms");
      String shown = awaitScreen("the operators' room");
      String roomLine = shown.lines().filter(line -> line.contains(room)).findFirst().orElseThrow();
      assertTrue(roomLine.contains("1 member(s)"), roomLine);
    }
  }

  @Test
  void kicksAUserWithByeKickedAndTellsTheirRooms() {
    String bobNick = Names.nick("bob");
    String room = Names.room("ops");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      Rooms.enter(room, alice, bob);

      type("/kick " + bobNick.toUpperCase() + " spamming the room");

      var bye = bob.expectBye(DepartureReason.KICKED);
      assertEquals("spamming the room", bye.message());
      bob.expectClosed();
      var left = alice.expect(ServerFrame.MemberLeft.class);
      assertEquals(bobNick, left.nick());
      assertEquals(DepartureReason.KICKED, left.reason());
      assertEquals("spamming the room", left.text());
      awaitScreen("Kicked " + bobNick.toUpperCase() + ".");
    }
  }

  @Test
  void aKickWithoutAReasonTellsTheRoomsNone() {
    String bobNick = Names.nick("bob");
    String room = Names.room("quiet");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      Rooms.enter(room, alice, bob);

      type("/kick " + bobNick);

      assertEquals("kicked by the operator", bob.expectBye(DepartureReason.KICKED).message());
      var left = alice.expect(ServerFrame.MemberLeft.class);
      assertEquals(DepartureReason.KICKED, left.reason());
      assertNull(left.text(), alice.lastLine());
    }
  }

  @Test
  void saysSoWhenNobodyByThatNickIsOnline() {
    type("/kick nobody_here");
    awaitScreen("Nobody called nobody_here is online.");
  }

  @Test
  void answersAnUnknownCommandWithAHint() {
    type("/frobnicate");
    awaitScreen("Unknown command /frobnicate; /help lists them.");
  }

  @Test
  void announcesTheShutdownWaitsAndThenShutsDownGracefully() throws Exception {
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      type("/shutdown 1");
      assertEquals("The server shuts down in 1 s.", alice.expect(ServerFrame.Notice.class).text());
      alice.expectBye(DepartureReason.SHUTDOWN);
      alice.expectClosed();
      server.whenTerminated().toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }
    console.join(TIMEOUT.toMillis());
    assertTrue(!console.isAlive(), "the console stops reading once it shut the server down");
  }
}
