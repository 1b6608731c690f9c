package dev.parley.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.server.ParleyServer;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.ZoneOffset;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** What one line typed at the operator's console does, and what it answers. */
@ExtendWith(LogCapturingExtension.class)
class OperatorCommandsTest {

  private static ParleyServer server;

  private final StringWriter screen = new StringWriter();
  private final OperatorCommands commands =
      new OperatorCommands(server, new PrintWriter(screen, true), ZoneOffset.UTC);

  @BeforeAll
  static void startServer() {
    server = ParleyServer.start(ConfigFactory.load("application-test"));
  }

  @AfterAll
  static void stopServer() {
    server.close();
  }

  @Test
  void helpListsEveryCommandWithWhatItTakes() {
    assertTrue(commands.execute("/help"));
    String help = screen.toString();
    for (OperatorCommand command : OperatorCommand.values()) {
      assertTrue(
          help.lines().anyMatch(line -> line.contains(command.usage() + " ")),
          command + " in:\n" + help);
    }
    assertTrue(help.contains("/kick NICK [REASON]"), help);
  }

  @Test
  void anEmptyLineDoesNothing() {
    assertTrue(commands.execute(""));
    assertEquals("", screen.toString());
  }

  @Test
  void kickWithoutANickShowsItsUsage() {
    assertTrue(commands.execute("/kick"));
    assertEquals("Usage: /kick NICK [REASON]", screen.toString().strip());
  }

  @Test
  void shutdownWithABadDelayShowsItsUsageAndKeepsTheServerRunning() {
    assertTrue(commands.execute("/shutdown soon"));
    assertTrue(commands.execute("/shutdown 1 2"));
    assertEquals(
        "Usage: /shutdown [SECONDS]\nUsage: /shutdown [SECONDS]",
        screen.toString().strip().replace(System.lineSeparator(), "\n"));
    assertFalse(server.whenTerminated().toCompletableFuture().isDone());
  }

  @Test
  void anUnknownCommandIsAnsweredWithAHint() {
    assertTrue(commands.execute("/frobnicate now"));
    assertEquals("Unknown command /frobnicate; /help lists them.", screen.toString().strip());
  }
}
