package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
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
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** The line-editor console on a terminal of its own, against a real server. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class InteractiveConsoleTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static ParleyServer server;

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  @TempDir Path home;

  private final Screen screen = new Screen();
  private final PipedOutputStream keyboard = new PipedOutputStream();

  @BeforeAll
  static void startServer() {
    server = ParleyServer.start(TEST_CONFIG);
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  private Config config(String nick) {
    return ConfigFactory.parseMap(
            Map.of(
                "parley.client.port", server.address().getPort(),
                "parley.client.nick", nick,
                "parley.client.console.history-file", home.resolve("history").toString()))
        .withFallback(TEST_CONFIG);
  }

  /** Starts a console for {@code nick}; the future gives its exit status. */
  private CompletableFuture<Integer> start(String nick) throws IOException {
    Config config = config(nick);
    // a plain stream terminal: what is printed reaches the screen at once, no pty in between
    Terminal terminal =
        new DumbTerminal(
            "test", "dumb", new PipedInputStream(keyboard), screen, StandardCharsets.UTF_8);
    var console =
        new InteractiveConsole(
            terminal,
            ConsoleSettings.fromConfig(config),
            new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss"),
            false);
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), console));
    return CompletableFuture.supplyAsync(() -> console.run(connection, testKit.system()));
  }

  private RecordingView other(String nick) {
    var view = new RecordingView();
    testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config(nick)), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return view;
  }

  private void type(String line) throws IOException {
    keyboard.write((line + "\n").getBytes(StandardCharsets.UTF_8));
    keyboard.flush();
  }

  @Test
  void aPersonChatsFromTheTerminalAndTheInputIsKeptInTheHistoryFile() throws Exception {
    RecordingView bob = other("bob");
    CompletableFuture<Integer> exit = start("alice");
    screen.await("#lobby --> you joined");

    type("hello from the terminal");
    bob.await(ServerFrame.Message.class, m -> m.text().equals("hello from the terminal"));
    screen.await("#lobby <alice> hello from the terminal");
    // a dumb terminal redraws only what changed: the whole prompt shows after a printed line
    screen.await("alice@lobby> ");

    type("/jion dev");
    screen.await("!! unknown command /jion; did you mean /join? (/help lists the commands)");

    type("/create dev");
    screen.await("#dev --> you joined");
    type("/who");
    screen.await("#dev -- 1 member: alice");
    screen.await("alice@dev> ");

    type("/quit");
    screen.await("-- bye");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    String history = Files.readString(home.resolve("history"));
    assertTrue(history.contains("hello from the terminal"), history);
    assertTrue(history.contains("/create dev"), history);
  }

  @Test
  void aNickInUseAsksForAnother() throws Exception {
    other("carol");
    CompletableFuture<Integer> exit = start("Carol");
    screen.await("!! nick_taken");
    screen.await("type another nick");
    screen.await("nick: ");
    type("9lives");
    screen.await("'9lives' is not a nick");
    type("carol2");
    screen.await("connected to parley as carol2");
    type("/who");
    screen.await("#lobby -- 2 members");
    screen.await("carol2@lobby> ");
    keyboard.close();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }
}
