package dev.parley.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The command line as an operator meets it: help texts and usage errors, without a server. */
class MainTest {

  private static final int HELP_WIDTH = 80;

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(
        args,
        new PrintWriter(out, true),
        new PrintWriter(err, true),
        prompt -> {
          throw new AssertionError("no password is asked for: " + prompt);
        });
  }

  @Test
  void helpNamesTheOperatorsFileWholeOnOneLine() {
    assertEquals(Main.EXIT_OK, run("--help"));
    assertNamesWhole(out.toString(), "application.conf");
    assertNamesWhole(out.toString(), "parley.accounts.users-file");
    assertNamesWhole(out.toString(), "-Dparley.session.idle-timeout=10m");
  }

  @Test
  void hashPasswordHelpPrintsItsHelp() {
    assertEquals(Main.EXIT_OK, run("hash-password", "--help"));
    String help = out.toString();
    assertTrue(help.contains("Usage: parley-server hash-password [-hV] NICK"), help);
    assertTrue(help.contains("NICK"), help);
    assertNamesWhole(help, "parley.accounts.users-file");
    assertEquals("", err.toString());
  }

  @Test
  void aBadOptionPrintsOneLineThatPointsToHelpAndExitsTwo() {
    assertEquals(Main.EXIT_BAD_USAGE, run("--colour"));
    assertEquals("parley-server: Unknown option: '--colour' (see --help)", err.toString().strip());
    assertEquals("", out.toString());
  }

  @Test
  void aBadOptionOfHashPasswordPointsToItsOwnHelp() {
    assertEquals(Main.EXIT_BAD_USAGE, run("hash-password", "--colour", "alice"));
    var lines = err.toString().lines().toList();
    assertEquals(1, lines.size(), err.toString());
    assertTrue(lines.get(0).contains("'--colour'"), lines.get(0));
    assertTrue(lines.get(0).endsWith("(see hash-password --help)"), lines.get(0));
  }

  @Test
  void aMissingNickPointsToTheHelpOfHashPassword() {
    assertEquals(Main.EXIT_BAD_USAGE, run("hash-password"));
    assertEquals(
        "parley-server: Missing required parameter: 'NICK' (see hash-password --help)",
        err.toString().strip());
  }

  /** {@code name} stands whole on one line of {@code help}, and no line is wider than 80. */
  private static void assertNamesWhole(String help, String name) {
    assertTrue(help.lines().anyMatch(line -> line.contains(name)), name + " whole in:\n" + help);
    help.lines().forEach(line -> assertTrue(line.length() <= HELP_WIDTH, "wider than 80: " + line));
  }
}
