package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.peer.PeerEvent;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.window.Conversation;
import dev.parley.protocol.ServerFrame;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The windows on a virtual terminal, 40 columns wide, with nobody typing. */
class WindowScreenTest {

  private static final Instant TS = Instant.parse("2026-12-07T11:00:00Z");

  @TempDir Path home;

  private final ByteArrayOutputStream shown = new ByteArrayOutputStream();

  private WindowScreen screen(String terminalType, boolean bell) throws IOException {
    Terminal terminal =
        new DumbTerminal(
            "test",
            terminalType,
            new ByteArrayInputStream(new byte[0]),
            shown,
            StandardCharsets.UTF_8);
    terminal.setSize(new Size(40, 12));
    var settings =
        new ConsoleSettings(
            home.resolve("history"), 100, "HH:mm:ss", Duration.ofSeconds(1), bell, 100);
    var reader =
        ChatLineReader.create(
            terminal, settings, (r, line, candidates) -> {}, new SecretMasking(() -> false));
    var screen =
        new WindowScreen(
            terminal,
            reader,
            new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss"),
            settings,
            false,
            Terminal.TYPE_DUMB.equals(terminalType),
            () -> {});
    screen.promptChanged(
        new ClientEvent.PromptChanged("alice", "lobby", true, List.of("lobby", "dev")));
    return screen;
  }

  private String shown() {
    return shown.toString(StandardCharsets.UTF_8);
  }

  // the status bar's marks are bold
  private static String withoutStyles(String shown) {
    return shown.replaceAll("\u001b\\[[0-9;]*m", "");
  }

  private static ServerFrame.Message message(String room, String from, String text) {
    return new ServerFrame.Message(null, room, 1, from, text, TS, null, null);
  }

  private static ServerFrame.Direct direct(String from, String to, String text) {
    return new ServerFrame.Direct(null, from, to, text, TS, null, null, null, null);
  }

  @Test
  void aDirectMessageAndALineNamingYouRingTheBell() throws IOException {
    WindowScreen screen = screen("xterm", true);
    screen.show(message("dev", "bob", "just chatting"), "alice");
    assertFalse(shown().contains("\u0007"), shown());
    screen.show(direct("bob", "alice", "psst"), "alice");
    assertEquals(1, shown().chars().filter(c -> c == 7).count(), shown());
    screen.show(message("dev", "bob", "ALICE, look"), "alice");
    assertEquals(2, shown().chars().filter(c -> c == 7).count(), shown());
  }

  @Test
  void theBellSettingOffKeepsItQuiet() throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.show(direct("bob", "alice", "psst"), "alice");
    screen.show(message("lobby", "bob", "alice: hi"), "alice");
    assertFalse(shown().contains("\u0007"), shown());
  }

  @Test
  void aRoomsOwnWindowLeavesOutTheRoomAndTheStatusBarMarksTheOthers() throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.show(message("lobby", "bob", "in view"), "alice");
    screen.show(message("dev", "bob", "elsewhere"), "alice");
    assertTrue(shown().contains("] <bob> in view"), shown());
    assertFalse(shown().contains("elsewhere"), shown());
    assertTrue(withoutStyles(shown()).contains("[Act: 3]"), shown());
  }

  @Test
  void onADumbTerminalAllWindowsShareOneStreamWithTheirRoomNamed() throws IOException {
    WindowScreen screen = screen(Terminal.TYPE_DUMB, false);
    screen.show(message("lobby", "bob", "in view"), "alice");
    screen.show(message("dev", "bob", "elsewhere"), "alice");
    assertTrue(shown().contains("#lobby <bob> in view"), shown());
    assertTrue(shown().contains("#dev <bob> elsewhere"), shown());
    assertFalse(withoutStyles(shown()).contains("[Act:"), shown());
  }

  @Test
  void plainTextInADirectConversationsWindowGoesToThatNick() throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.show(direct("bob", "alice", "psst"), "alice");
    assertTrue(screen.answers(new UserCommand.SwitchWindow(4)));
    assertEquals(new Conversation.Direct("bob"), screen.current());
    assertEquals(
        new UserCommand.DirectMessage("bob", "hi"), screen.addressed(new UserCommand.Say("hi")));
    assertTrue(
        screen
            .prompt(new ClientEvent.PromptChanged("alice", "lobby", true, List.of("lobby")))
            .startsWith("alice->bob> "));
  }

  @Test
  void joiningARoomYouAreInIsASwitchAndAnotherGoesToTheServer() throws IOException {
    WindowScreen screen = screen("xterm", false);
    assertTrue(screen.answers(new UserCommand.Join("DEV")));
    assertEquals(new Conversation.Room("dev"), screen.current());
    assertFalse(screen.answers(new UserCommand.Join("kitchen")));
  }

  @Test
  void aRoomJustJoinedBecomesCurrentButTheEchoOfASwitchPullsNobodyBack() throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.promptChanged(
        new ClientEvent.PromptChanged("alice", "ops", true, List.of("lobby", "dev", "ops")));
    assertEquals(new Conversation.Room("ops"), screen.current());

    screen.answers(new UserCommand.SwitchWindow(3));
    screen.answers(new UserCommand.SwitchWindow(1));
    // the connection's word that dev is the current room comes after the second switch
    screen.promptChanged(
        new ClientEvent.PromptChanged("alice", "dev", true, List.of("lobby", "dev", "ops")));
    assertEquals(Conversation.Status.INSTANCE, screen.current());
  }

  @Test
  void leavingTheCurrentRoomGoesToTheWindowOfTheNextCurrentRoom() throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.answers(new UserCommand.SwitchWindow(3));
    screen.show(new ServerFrame.Left(null, "dev"), "alice");
    screen.promptChanged(new ClientEvent.PromptChanged("alice", "lobby", true, List.of("lobby")));
    assertEquals(new Conversation.Room("lobby"), screen.current());
    assertTrue(shown().contains("#dev <-- you left"), shown());
  }

  @Test
  void aPrivateConversationsWindowSendsItsTextOverTheDirectLinkAndAnswersItsNick()
      throws IOException {
    WindowScreen screen = screen("xterm", false);
    screen.show(new ClientEvent.Private(new PeerEvent.Offered("bob")));
    assertTrue(withoutStyles(shown()).contains("4!"), shown());

    assertTrue(screen.answers(new UserCommand.SwitchWindow(4)));

    assertEquals(new Conversation.Private("bob"), screen.current());
    assertEquals(
        new UserCommand.PrivateSay("bob", "hi"), screen.addressed(new UserCommand.Say("hi")));
    assertEquals(
        new UserCommand.PrivateAnswer("bob", true),
        screen.addressed(new UserCommand.PrivateAnswer(null, true)));
    assertEquals(
        "alice=bob> ",
        screen.prompt(
            new ClientEvent.PromptChanged("alice", "lobby", true, List.of("lobby", "dev"))));
  }
}
