package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.ConsoleSettings;
import dev.parley.client.terminal.ScriptConsole;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The client driven through its main entry point with a script on stdin, as a pipe would. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class ScriptModeTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  private static ClientRun run(String script, String... args) {
    return ClientRun.of(script, args);
  }

  private static ClientRun run(Map<String, String> environment, String script, String... args) {
    return ClientRun.of(environment, script, args);
  }

  private static ClientRun script(String script, String nick) {
    return script(Map.of(), script, nick);
  }

  private static ClientRun script(Map<String, String> environment, String script, String nick) {
    return run(
        environment, script, "--port", String.valueOf(server.address().getPort()), "--nick", nick);
  }

  private RecordingView watcher(String nick) {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.port", server.address().getPort(), "parley.client.nick", nick))
            .withFallback(TEST_CONFIG);
    var view = new RecordingView();
    testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return view;
  }

  @Test
  void aScriptListsTheRoomsAndQuits() {
    ClientRun run = script("/rooms\n/quit\n", "bot1");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("] -- connected to "), run.out());
    assertTrue(run.out().matches("(?s).*\\] -- \\d+ rooms?\n.*#lobby .*"), run.out());
    assertTrue(run.out().contains("] -- bye\n"), run.out());
    assertFalse(run.out().contains("\u001b["), "plain lines, no colours");
  }

  @Test
  void eachLineWaitsForTheAnswerToThePreviousOne() {
    ClientRun run = script("/create scripted\nin the new room\n/quit\n", "bot2");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("#scripted <bot2> in the new room"), run.out());
  }

  @Test
  void theEndOfTheInputQuitsCleanly() {
    RecordingView watcher = watcher("watcher3");
    ClientRun run = script("hello from a script\n", "bot3");
    assertEquals(0, run.status(), run.out());
    watcher.await(ServerFrame.Message.class, m -> m.from().equals("bot3"));
    var left = watcher.await(ServerFrame.MemberLeft.class, l -> l.nick().equals("bot3"));
    assertEquals(DepartureReason.QUIT, left.reason());
  }

  @Test
  void anUnknownCommandGetsAHintAndNothingIsSent() {
    RecordingView watcher = watcher("watcher4");
    ClientRun run = script("/xyzzy now\nafter the hint\n/quit\n", "bot4");
    assertEquals(0, run.status(), run.out());
    assertTrue(
        run.out().contains("!! unknown command /xyzzy (/help lists the commands)"), run.out());
    var first = watcher.await(ServerFrame.Message.class, m -> m.from().equals("bot4"));
    assertEquals("after the hint", first.text());
  }

  @Test
  void helpIsPrintedByTheClient() {
    ClientRun run = script("/help\n/quit\n", "bot5");
    assertEquals(0, run.status());
    assertTrue(run.out().contains("/create room [topic]"), run.out());
  }

  @Test
  void aRefusedNickEndsTheScriptWithTheError() {
    watcher("taken6");
    ClientRun run = script("hello\n", "Taken6");
    assertEquals(1, run.status(), run.out());
    assertTrue(run.err().contains("nick taken6 is taken"), run.err());
  }

  @Test
  void aScriptRegistersItsNickWithThePasswordItIsGivenAndLogsInWithIt() {
    var password = Map.of("PARLEY_PASSWORD", "bot8's secret");
    ClientRun register = script(password, "/register\n/quit\n", "bot8");
    assertEquals(0, register.status(), register.out());
    assertTrue(register.out().contains("] -- bot8 is now an account"), register.out());

    ClientRun login = script(password, "/msg bot8 note to self?\n/quit\n", "bot8");
    assertEquals(0, login.status(), login.out());
    assertTrue(login.out().contains("-- connected to parley as bot8"), login.out());
    assertTrue(login.out().contains("!! that is you"), login.out());
  }

  @Test
  void aScriptWithAWrongPasswordOrNoneEndsWithTheError(@TempDir Path dir) throws IOException {
    script(Map.of("PARLEY_PASSWORD", "bot9's secret"), "/register\n/quit\n", "bot9");
    Path file = Files.writeString(dir.resolve("password"), "not bot9's secret\n");
    ClientRun wrong =
        run(
            "/rooms\n",
            "--port",
            String.valueOf(server.address().getPort()),
            "--nick",
            "bot9",
            "--password-file",
            file.toString());
    assertEquals(1, wrong.status(), wrong.out());
    assertTrue(wrong.err().contains("no account matches that nick and password"), wrong.err());
    assertFalse(wrong.err().contains("auth_failed"), wrong.err());

    ClientRun none = script("/rooms\n", "bot9");
    assertEquals(1, none.status(), none.out());
    assertTrue(none.err().contains("nick bot9 is registered"), none.err());
    assertTrue(none.err().contains("PARLEY_PASSWORD"), none.err());
  }

  @Test
  void registerInAScriptWithoutAPasswordSendsNothing() {
    ClientRun run = script("/register\n/quit\n", "bot10");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().contains("!! /register in a script takes the password"), run.out());
  }

  @Test
  void directMessagesArePrintedAsSuch() {
    RecordingView watcher = watcher("watcher11");
    ClientRun run = script("/msg watcher11 hello there\n/quit\n", "bot11");
    assertEquals(0, run.status(), run.out());
    assertTrue(run.out().matches("(?s).*\\] \\*bot11\\* -> watcher11: hello there\n.*"), run.out());
    assertEquals("bot11", watcher.await(ServerFrame.Direct.class).from());
  }

  @Test
  void aPasswordPromptNeedsATerminal() {
    ClientRun prompt =
        run(
            "/quit\n",
            "--port",
            String.valueOf(server.address().getPort()),
            "--nick",
            "bot12",
            "--password-prompt");
    assertEquals(2, prompt.status());
    assertTrue(prompt.err().contains("PARLEY_PASSWORD"), prompt.err());
  }

  @Test
  void aServerThatCannotBeReachedEndsTheScriptWithTheError() throws IOException {
    int closedPort;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = socket.getLocalPort();
    }
    ClientRun run = run("/rooms\n", "--port", String.valueOf(closedPort), "--nick", "bot7");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("cannot reach 127.0.0.1:" + closedPort), run.err());
  }

  @Test
  void aHostThatDoesNotExistIsReportedAsSuch() {
    ClientRun run = run("/rooms\n", "--host", "nosuch.invalid", "--nick", "bot13");
    assertEquals(1, run.status());
    assertTrue(run.err().contains("cannot reach nosuch.invalid:7777: unknown host\n"), run.err());
  }

  @Test
  void aConnectionThatFailsEndsTheScriptWithTheError() throws Exception {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    var console =
        new ScriptConsole(
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss"),
            ConsoleSettings.fromConfig(TEST_CONFIG),
            null);
    ActorSystem<Connection.Command> failing =
        FailingConnection.system("failing-script", TEST_CONFIG);
    int status =
        CompletableFuture.supplyAsync(() -> console.run(failing, failing))
            .get(10, TimeUnit.SECONDS);
    assertEquals(1, status);
    assertTrue(
        err.toString(StandardCharsets.UTF_8).contains("the client stopped on an internal error"),
        err.toString(StandardCharsets.UTF_8));
  }
}
