package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The console client's windows as a person meets them, in a real terminal 40 columns wide that tmux
 * keeps: keys switch windows, the status bar marks news and highlights, PageUp scrolls back, long
 * lines wrap at words. The others in the rooms are clients of the project's own.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.client.ClientInTmux#available",
    disabledReason = ClientInTmux.MISSING)
class ConsoleWindowsInTmuxTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");
  private static final int COLUMNS = 40;
  private static final int ROWS = 12;

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  private final List<LobbyClient> others = new ArrayList<>();
  private ClientInTmux terminal;

  private LobbyClient other(String nick) {
    var other = LobbyClient.connect(testKit, TEST_CONFIG, server.address(), nick);
    others.add(other);
    return other;
  }

  private void says(LobbyClient other, UserCommand command) {
    other.type(command, testKit);
  }

  private ClientInTmux start(String nick) {
    terminal = ClientInTmux.start(server.address(), nick, COLUMNS, ROWS, "");
    terminal.awaitStatus("[2:#lobby]");
    return terminal;
  }

  @AfterEach
  void everyoneQuits() {
    if (terminal != null) {
      terminal.close();
    }
    // the next test finds the lobby as it was
    others.forEach(LobbyClient::quit);
  }

  @Test
  void twoRoomsAndADirectConversationAreWindowsWithTheirNewsInTheStatusBar() {
    LobbyClient bob = other("bob");
    ClientInTmux alice = start("alice");
    alice.type("/create dev");
    alice.awaitStatus("[3:#dev]");

    says(bob, new UserCommand.Say("hi all"));
    alice.awaitStatus("[Act: 2]");
    says(bob, new UserCommand.DirectMessage("alice", "psst"));
    alice.awaitStatus("[Act: 2,4!]");
    says(bob, new UserCommand.Say("alice: lunch?"));
    alice.awaitStatus("[Act: 2!,4!]");

    alice.keys("M-2");
    List<String> lobby = alice.awaitStatus("[2:#lobby]");
    assertTrue(lobby.contains(line(lobby, "<bob> hi all")), String.join("\n", lobby));
    alice.awaitLine("<bob> alice: lunch?");
    alice.awaitStatus("[Act: 4!]");

    alice.keys("C-n");
    List<String> dev = alice.awaitStatus("[3:#dev]");
    assertFalse(dev.stream().anyMatch(l -> l.contains("<bob>")), String.join("\n", dev));

    alice.type("/window 4");
    alice.awaitStatus("[4:bob]");
    alice.awaitLine("*bob*: psst");
    // plain text in a direct conversation's window goes to that nick
    alice.type("back at you");
    bob.view().await(ServerFrame.Direct.class, d -> "back at you".equals(d.text()));
    alice.awaitLine("*alice* -> bob: back at you");

    alice.keys("M-Left");
    alice.awaitStatus("[3:#dev]");
    alice.keys("C-p");
    alice.awaitStatus("[2:#lobby]");
    // keys pressed faster than a switch to a room reaches the connection
    alice.keys("M-Right", "M-Right");
    alice.awaitStatus("[4:bob]");
    // after the last window the first
    alice.keys("M-Right");
    alice.awaitStatus("[1:status]");
  }

  @Test
  void joiningARoomYouAreInSwitchesToItsWindowWithoutJoiningAgain() {
    LobbyClient carol = other("carol");
    ClientInTmux dave = start("dave");
    dave.type("/create ops");
    dave.awaitStatus("[3:#ops]");
    dave.type("/create ops2");
    dave.awaitStatus("[4:#ops2]");
    dave.type("/join ops");
    List<String> ops = dave.awaitStatus("[3:#ops]");
    dave.awaitLine("dave@ops>");
    assertEquals(
        1, ops.stream().filter(l -> l.contains("you joined")).count(), String.join("\n", ops));

    // plain text goes to the room whose window is current
    dave.type("/join lobby");
    dave.awaitLine("dave@lobby>");
    dave.type("back in the lobby");
    carol.view().await(ServerFrame.Message.class, m -> "back in the lobby".equals(m.text()));
    dave.awaitLine("<dave> back in the lobby");
  }

  @Test
  void pageUpShowsOlderLinesAndNewOnesWaitBelowUntilPageDown() {
    LobbyClient erin = other("erin");
    ClientInTmux frank = start("frank");
    for (int i = 1; i <= 30; i++) {
      says(erin, new UserCommand.Say(String.format("line %02d", i)));
    }
    frank.awaitLine("<erin> line 30");

    frank.keys("PPage");
    List<String> back = frank.awaitStatus("PgDn]");
    assertFalse(back.stream().anyMatch(l -> l.contains("line 30")), String.join("\n", back));
    assertTrue(back.stream().anyMatch(l -> l.contains("line 2")), String.join("\n", back));
    String scrolled = ClientInTmux.statusBar(back);

    says(erin, new UserCommand.Say("line 31"));
    // the line counts among those below, and the view stays where it is
    List<String> stays =
        frank.await(
            "the count below to grow", screen -> !ClientInTmux.statusBar(screen).equals(scrolled));
    assertFalse(stays.stream().anyMatch(l -> l.contains("line 31")), String.join("\n", stays));

    frank.keys("NPage", "NPage", "NPage");
    List<String> latest = frank.awaitLine("<erin> line 31");
    assertFalse(ClientInTmux.statusBar(latest).contains("PgDn"), String.join("\n", latest));
  }

  @Test
  void aLongMessageWrapsAtWordsUnderTheTextInFortyColumns() {
    LobbyClient gwen = other("gwen");
    ClientInTmux hal = start("hal");
    says(
        gwen,
        new UserCommand.Say(
            "the quick brown fox jumps over the lazy dog and keeps running far away"));
    List<String> screen = hal.awaitLine("running");
    int first = screen.indexOf(line(screen, "<gwen> the quick"));
    // [hh:mm:ss] <gwen> : the text starts at column 18
    String indent = " ".repeat(18);
    assertEquals(
        List.of(
            "<gwen> the quick brown fox",
            indent + "jumps over the lazy",
            indent + "dog and keeps running",
            indent + "far away"),
        List.of(
            screen.get(first).substring(11),
            screen.get(first + 1),
            screen.get(first + 2),
            screen.get(first + 3)),
        String.join("\n", screen));
  }

  private static String line(List<String> screen, String text) {
    return screen.stream().filter(l -> l.contains(text)).findFirst().orElse("");
  }
}
