package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.FailingConnection;
import dev.parley.client.RunningServer;
import dev.parley.client.command.UserCommand;
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
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.jline.terminal.Attributes;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The line-editor console on a terminal of its own, against a real server. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class InteractiveConsoleTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  @TempDir Path home;

  private final Screen screen = new Screen();
  private final PipedOutputStream keyboard = new PipedOutputStream();
  private final Map<ActorRef<Connection.Command>, RecordingView> others = new LinkedHashMap<>();

  private Config config(String nick) {
    return config(nick, server.address().getPort());
  }

  private Config config(String nick, int port) {
    return ConfigFactory.parseMap(
            Map.of(
                "parley.client.port", port,
                "parley.client.nick", nick,
                "parley.client.console.history-file", home.resolve("history").toString()))
        .withFallback(TEST_CONFIG);
  }

  /** Starts a console for {@code nick}; the future gives its exit status. */
  private CompletableFuture<Integer> start(String nick) throws IOException {
    return start(nick, Terminal.TYPE_DUMB);
  }

  /**
   * Starts a console for {@code nick} on a terminal of that type: a dumb one has no key bindings
   * but Enter; with another, keys such as Tab work as on a real terminal.
   */
  private CompletableFuture<Integer> start(String nick, String terminalType) throws IOException {
    return start(config(nick), terminalType);
  }

  private CompletableFuture<Integer> start(Config config, String terminalType) throws IOException {
    var console = console(config, terminalType);
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), console));
    return CompletableFuture.supplyAsync(() -> console.run(connection, testKit.system()));
  }

  private InteractiveConsole console(Config config) throws IOException {
    return console(config, Terminal.TYPE_DUMB);
  }

  private InteractiveConsole console(Config config, String terminalType) throws IOException {
    // a plain stream terminal: what is printed reaches the screen at once, no pty in between
    Terminal terminal =
        new DumbTerminal(
            "test", terminalType, new PipedInputStream(keyboard), screen, StandardCharsets.UTF_8);
    // a terminal of no size, as a stream has, is one the line editor does not clean up
    terminal.setSize(new Size(120, 40));
    // Ctrl-C interrupts, as on a real terminal; the other signal keys are a real terminal's too
    // (unset, they would match the end of the input)
    Attributes attributes = terminal.getAttributes();
    attributes.setLocalFlag(Attributes.LocalFlag.ISIG, true);
    attributes.setControlChar(Attributes.ControlChar.VINTR, 3);
    attributes.setControlChar(Attributes.ControlChar.VQUIT, 28);
    attributes.setControlChar(Attributes.ControlChar.VSUSP, 26);
    attributes.setControlChar(Attributes.ControlChar.VSTATUS, 20);
    terminal.setAttributes(attributes);
    return new InteractiveConsole(
        terminal,
        ConsoleSettings.fromConfig(config),
        new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss"),
        false);
  }

  private RecordingView other(String nick) {
    var view = new RecordingView();
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config(nick)), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    others.put(connection, view);
    return view;
  }

  @AfterEach
  void othersQuit() {
    // the next test finds the lobby as it was
    others.forEach(
        (connection, view) -> {
          connection.tell(new Connection.Close(null, Connection.EXIT_OK));
          view.await(ClientEvent.Closed.class);
        });
  }

  /** Makes {@code nick} an account with {@code password}, from a client that then quits. */
  private void registered(String nick, String password) {
    var view = new RecordingView();
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config(nick)), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    connection.tell(
        new Connection.Submit(new UserCommand.Register(password), testKit.system().ignoreRef()));
    view.await(ClientEvent.Registered.class);
    connection.tell(new Connection.Close(null, Connection.EXIT_OK));
    view.await(ClientEvent.Closed.class);
  }

  private void assertNotShownNorKept(String... secrets) throws IOException {
    String shown = screen.toString();
    String history = Files.readString(home.resolve("history"));
    for (String secret : secrets) {
      assertFalse(shown.contains(secret), "on the screen: " + secret);
      assertFalse(history.contains(secret), "in the input history: " + secret);
    }
  }

  private static int occurrences(String text, String part) {
    int count = 0;
    for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
      count++;
    }
    return count;
  }

  private void type(String line) throws IOException {
    typeWithoutEnter(line + "\n");
  }

  private void typeWithoutEnter(String keys) throws IOException {
    keyboard.write(keys.getBytes(StandardCharsets.UTF_8));
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
  void quittingTakesThePromptOffTheScreen() throws Exception {
    CompletableFuture<Integer> exit = start("liv");
    screen.await("#lobby --> you joined");
    type("/quit");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    assertEquals("", screen.lastLine());
  }

  @Test
  void ctrlCOnAnEmptyLineAsksAndASecondOneLeaves() throws Exception {
    CompletableFuture<Integer> exit = start("pia", "xterm");
    screen.await("[2:#lobby]");
    screen.await("--> you joined");
    typeWithoutEnter("\u0003");
    screen.await("-- press Ctrl-C again to quit (or type /quit)");
    // a line typed in between: the next Ctrl-C on an empty line asks again
    type("still here");
    screen.await("<pia> still here");
    typeWithoutEnter("half a line\u0003");
    typeWithoutEnter("\u0003");
    screen.await("-- press Ctrl-C again to quit (or type /quit)");
    assertFalse(exit.isDone());
    typeWithoutEnter("\u0003");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }

  @Test
  void beingKickedTakesThePromptOffTheScreen() throws Exception {
    CompletableFuture<Integer> exit = start("max");
    screen.await("#lobby --> you joined");
    server.kick("max", "behave");
    screen.await("the server ended the session (kicked): behave");
    assertEquals(1, exit.get(10, TimeUnit.SECONDS));
    assertEquals("", screen.lastLine());
  }

  @Test
  void aChatLineHalfTypedWhenThePasswordIsAskedIsSetAsideAndComesBackAfter() throws Exception {
    ParleyServer first = ParleyServer.start(TEST_CONFIG);
    int port = first.address().getPort();
    CompletableFuture<Integer> exit = start(config("nia", port), Terminal.TYPE_DUMB);
    screen.await("#lobby --> you joined");
    type("/register");
    screen.await("new password for nia: ");
    type("nia's secret");
    screen.await("the same password again: ");
    type("nia's secret");
    screen.await("-- nia is now an account");
    typeWithoutEnter("sure thing");

    // a server that keeps no accounts refuses the password the client logs in with again
    first.close();
    screen.await("connection lost");
    ParleyServer second = RunningServer.startOn(port, TEST_CONFIG);
    try {
      screen.await("!! no account matches that nick and password");
      screen.await("-- type the password of nia");
      // Enter on an empty password: another nick
      type("");
      screen.await("-- type another nick");
      type("nia2");
      screen.await("connected to parley as nia2");
      // the chat line is back where it was: Enter sends it
      type("");
      screen.await("#lobby <nia2> sure thing");
      keyboard.close();
      assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    } finally {
      second.close();
    }
  }

  @Test
  void aLineTypedWhileOfflineStaysOnTheInputLine() throws Exception {
    ParleyServer first = ParleyServer.start(TEST_CONFIG);
    int port = first.address().getPort();
    CompletableFuture<Integer> exit = start(config("oli", port), Terminal.TYPE_DUMB);
    screen.await("#lobby --> you joined");
    first.close();
    screen.await("connection lost");
    type("anyone there?");
    screen.await("!! not connected: nothing sent, try again");

    ParleyServer second = RunningServer.startOn(port, TEST_CONFIG);
    try {
      screen.await("connected to parley as oli");
      screen.await("#lobby --> you joined");
      // the line refused is still on the input line: Enter sends it
      type("");
      screen.await("#lobby <oli> anyone there?");
      keyboard.close();
      assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    } finally {
      second.close();
    }
  }

  @Test
  void aLineTypedBeforeTheServerCanBeReachedIsRefusedAndKept() throws Exception {
    int port;
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    CompletableFuture<Integer> exit = start(config("pia", port), Terminal.TYPE_DUMB);
    screen.await("!! cannot reach 127.0.0.1:" + port);
    type("first words");
    screen.await("!! not connected: nothing sent, try again");

    ParleyServer late = RunningServer.startOn(port, TEST_CONFIG);
    try {
      screen.await("connected to parley as pia");
      screen.await("#lobby --> you joined");
      type("");
      screen.await("#lobby <pia> first words");
      keyboard.close();
      assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    } finally {
      late.close();
    }
  }

  @Test
  void aRegisteredNickIsAskedForItsPassword() throws Exception {
    registered("dora", "dora's secret");
    CompletableFuture<Integer> exit = start("dora");
    // a dumb terminal redraws only what changed of a prompt: the lines before it tell more
    screen.await("-- nick dora is registered; give its password");
    screen.await("-- type the password of dora (it shows as *)");
    type("not dora's secret");
    screen.await("!! no account matches that nick and password");
    // the hint is not repeated on every try
    screen.await("password for dora: ");
    type("dora's secret");
    screen.await("connected to parley as dora");
    screen.await("#lobby --> you joined");
    assertEquals(1, occurrences(screen.toString(), "type the password of dora"), screen.toString());
    type("/register");
    screen.await("!! dora is already registered: nothing to do");
    type("/quit");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    assertNotShownNorKept("dora's secret");
  }

  @Test
  void registerAsksTwiceForAPasswordLongEnough() throws Exception {
    CompletableFuture<Integer> exit = start("fern");
    screen.await("#lobby --> you joined");
    type("/register fern's first try");
    screen.await("never type a password on the line");
    type("/register");
    screen.await("new password for fern: ");
    type("short");
    screen.await("!! a password has at least 8 chars; not registered, nothing sent");
    type("/register");
    screen.await("new password for fern: ");
    type("fern's secret");
    screen.await("the same password again: ");
    type("fern's sekret");
    screen.await("!! the two passwords differ; not registered, nothing sent");
    type("/register");
    screen.await("new password for fern: ");
    type("fern's secret");
    screen.await("the same password again: ");
    type("fern's secret");
    screen.await("-- fern is now an account");
    type("/register");
    screen.await("!! fern is already registered: nothing to do");
    type("/quit");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    assertNotShownNorKept("fern's secret", "fern's sekret", "fern's first try");

    var view = new RecordingView();
    testKit.spawn(
        Connection.create(ConnectionSettings.fromConfig(config("fern")), "fern's secret", view));
    assertEquals("fern", view.await(ServerFrame.Welcome.class).nick());
  }

  @Test
  void aRegisterLineInAnyLetterCaseStaysOutOfTheHistory() throws Exception {
    CompletableFuture<Integer> exit = start("kai");
    screen.await("#lobby --> you joined");
    type("/rEgister kai's secret");
    screen.await("never type a password on the line");
    type("/REGISTER kai's other secret");
    screen.await("never type a password on the line");
    type("/quit");
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
    String history = Files.readString(home.resolve("history"));
    assertTrue(history.contains("/quit"), history);
    assertNotShownNorKept("kai's secret", "kai's other secret");
  }

  @Test
  void tabCompletesLeaveWithTheRoomsWeAreInAndARoomTypedWithAHash() throws Exception {
    // a terminal with a status bar: each room has a window, whose lines need not name it
    CompletableFuture<Integer> exit = start("mo", "xterm");
    screen.await("[2:#lobby]");
    type("/create zebras");
    screen.await("[3:#zebras]");
    type("/leave zebras");
    screen.await("#zebras <-- you left");
    type("/create zoo");
    screen.await("[3:#zoo]");
    type("/join lobby");
    screen.await("[2:#lobby]");

    // zebras is a room seen, but left: zoo is the one to leave
    type("/leave z\t");
    screen.await("#zoo <-- you left");
    type("/join #zeb\t");
    screen.await("[3:#zebras]");
    screen.await("--> you joined");
    keyboard.close();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }

  @Test
  void tabCompletesARoomToJoinThatTheServerHasAndTheNicksOfTheCurrentRoom() throws Exception {
    RecordingView quinn = other("quinn");
    ActorRef<Connection.Command> quinns = others.keySet().iterator().next();
    quinns.tell(
        new Connection.Submit(
            new UserCommand.Create("quokkas", null), testKit.system().ignoreRef()));
    quinn.await(ServerFrame.Joined.class, joined -> joined.room().equals("quokkas"));
    CompletableFuture<Integer> exit = start("rex", "xterm");
    // on a terminal with a status line, each room is a window, its lines without the room's name
    screen.await("[2:#lobby]");
    screen.await("--> you joined");
    // a room this client never saw: Tab asks the server for its rooms
    type("/join quo\t");
    screen.await("[3:#quokkas]");
    screen.await("--> you joined (members: quinn, rex)");
    type("q\tI see you");
    screen.await("<rex> quinn: I see you");
    keyboard.close();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aLockedOutAccountShowsTheWaitAndTakesAnotherNick() throws Exception {
    registered("gus", "gus's secret");
    CompletableFuture<Integer> exit = start("gus");
    screen.await("-- type the password of gus");
    for (int attempt = 1; attempt <= 2; attempt++) {
      screen.await("password for gus: ");
      type("guess " + attempt);
      screen.await("!! no account matches that nick and password");
    }
    screen.await("password for gus: ");
    type("guess 3");
    // the last wrong password says that the account is locked now, and for how long
    screen.await("that was too many failed logins: the account gus is now locked for 60 s");
    screen.await("-- press Enter to try gus again once the wait is over, or type another nick");
    // Enter before the wait is over asks for no password
    type("");
    screen.await("-- gus is locked for ");
    screen.await(" s more: press Enter then");
    screen.await("nick [gus]: ");
    type("gus_2");
    screen.await("connected to parley as gus_2");
    keyboard.close();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }

  @Test
  void directMessagesAreShownAsSuch() throws Exception {
    RecordingView hank = other("hank");
    CompletableFuture<Integer> exit = start("ida");
    screen.await("#lobby --> you joined");
    type("/msg hank are you there?");
    screen.await("*ida* -> hank: are you there?");
    hank.await(ServerFrame.Direct.class);
    keyboard.close();
    assertEquals(0, exit.get(10, TimeUnit.SECONDS));
  }

  @Test
  void aNickInUseAsksForAnother() throws Exception {
    other("carol");
    CompletableFuture<Integer> exit = start("Carol");
    screen.await("!! nick carol is taken");
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

  @Test
  void aConnectionThatFailsEndsTheClientWithAnError() throws Exception {
    var console = console(config("jay"));
    ActorSystem<Connection.Command> failing =
        FailingConnection.system("failing-client", TEST_CONFIG);
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> console.run(failing, failing));
    assertEquals(Connection.EXIT_ERROR, exit.get(10, TimeUnit.SECONDS));
    screen.await("!! the client stopped on an internal error");
  }
}
