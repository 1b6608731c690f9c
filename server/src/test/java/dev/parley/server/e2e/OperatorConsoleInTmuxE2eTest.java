package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The operator at the server's console in a real terminal: typing while connections come and go,
 * Tab completion, the history.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.ServerInTmux#available",
    disabledReason = ServerInTmux.MISSING)
class OperatorConsoleInTmuxE2eTest {

  private static final String PROMPT = "parley> ";

  private static ServerInTmux terminal;

  @BeforeAll
  static void startTheServerAtATerminal() {
    terminal = ServerInTmux.start(PROMPT.strip());
  }

  @AfterAll
  static void shutItDown() {
    terminal.close();
  }

  // what a failed test left typed is not the next one's
  @BeforeEach
  void clearTheLineBeingTyped() {
    terminal.press("C-a");
    terminal.press("C-k");
    terminal.waitForPromptLine(PROMPT.strip());
  }

  @Test
  void logLinesGoAboveTheHalfTypedLineWhichStaysIntactAndThenRuns() {
    String alice = Names.nick("alice");
    String bob = Names.nick("bob");
    terminal.type("/wh");
    try (var aliceClient = RawClient.login(terminal.address(), alice)) {
      assertLoggedAboveThePrompt("logged in as " + alice, PROMPT + "/wh");
      try (var bobClient = RawClient.login(terminal.address(), bob)) {
        assertLoggedAboveThePrompt("logged in as " + bob, PROMPT + "/wh");
      }
      assertLoggedAboveThePrompt("(" + bob + "): quit", PROMPT + "/wh");

      terminal.type("o");
      terminal.press("Enter");

      List<String> screen = terminal.waitForScreen(alice + " ");
      List<String> answer = screen.subList(screen.lastIndexOf(PROMPT + "/who"), screen.size());
      assertTrue(answer.get(1).endsWith("connection(s)"), String.join("\n", answer));
      assertTrue(answer.stream().anyMatch(line -> line.contains(alice)), String.join("\n", answer));
      assertTrue(answer.stream().noneMatch(line -> line.contains(bob)), String.join("\n", answer));
      terminal.waitForPromptLine(PROMPT.strip());
    }
  }

  @Test
  void tabCompletesTheCommandAndTheNickOfAKick() {
    String carol = Names.nick("carol");
    try (var client = RawClient.login(terminal.address(), carol)) {
      terminal.type("/ki");
      terminal.press("Tab");
      terminal.waitForPromptLine(PROMPT + "/kick");
      terminal.type("car");
      terminal.press("Tab");
      terminal.waitForPromptLine(PROMPT + "/kick " + carol);
      terminal.type("testing the console");
      terminal.press("Enter");

      assertEquals("testing the console", client.expectBye(DepartureReason.KICKED).message());
      terminal.waitForScreen("Kicked " + carol + ".");
      terminal.waitForPromptLine(PROMPT.strip());
    }
  }

  @Test
  void upBringsBackTheLineBeforeToRunAgain() {
    terminal.type("/rooms");
    terminal.press("Enter");
    terminal.waitForScreen("room(s)");
    terminal.waitForPromptLine(PROMPT.strip());

    terminal.press("Up");
    terminal.waitForPromptLine(PROMPT + "/rooms");
    terminal.press("Enter");

    terminal.waitForPromptLine(PROMPT.strip());
    List<String> screen = terminal.screen();
    int last = screen.lastIndexOf(PROMPT + "/rooms");
    assertTrue(
        last > screen.indexOf(PROMPT + "/rooms") && screen.get(last + 1).endsWith("room(s)"),
        String.join("\n", screen));
  }

  /**
   * Waits until the terminal shows a log line with {@code logged} and then shows {@code
   * promptLine}, still as typed, as its last line, below that log line.
   */
  private static void assertLoggedAboveThePrompt(String logged, String promptLine) {
    List<String> screen = terminal.waitForScreen(logged);
    terminal.waitForPromptLine(promptLine);
    screen = terminal.screen();
    String logLine =
        screen.stream().filter(line -> line.contains(logged)).findFirst().orElseThrow();
    assertTrue(logLine.contains(" INFO "), logLine);
    assertTrue(!logLine.contains(PROMPT), "the log line stays out of the typed line: " + logLine);
    assertEquals(promptLine, ServerInTmux.last(screen), String.join("\n", screen));
  }
}
