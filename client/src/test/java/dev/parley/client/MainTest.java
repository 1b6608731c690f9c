package dev.parley.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MainTest {

  private static final Pattern NAME_CUT_AFTER_A_DOT = Pattern.compile("\\w\\.$");
  private static final Pattern NAME_GOES_ON = Pattern.compile("[a-z0-9_]");

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    return Main.run(
        args,
        new ByteArrayInputStream(new byte[0]),
        new PrintStream(out, true, StandardCharsets.UTF_8));
  }

  @Test
  void helpListsEveryOptionAndCommand() {
    assertEquals(0, run("--help"));
    String help = out.toString(StandardCharsets.UTF_8);
    for (String expected :
        List.of(
            "--host",
            "default: 127.0.0.1",
            "--port",
            "default: 7777",
            "--nick",
            "--config",
            "--no-color",
            "--password-prompt",
            "--password-file",
            "PARLEY_PASSWORD",
            "/create room [topic]",
            "/history [n]",
            "/msg nick text",
            "/register",
            "client-history")) {
      assertTrue(help.contains(expected), expected + " in\n" + help);
    }
  }

  @Test
  void anInvalidNickIsAUsageError() {
    assertEquals(2, run("--nick", "9lives"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("'9lives' is not a nick"));
  }

  @Test
  void aMissingConfigFileIsAUsageError() {
    assertEquals(2, run("--config", "no-such-file.conf"));
    assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("configuration: "));
  }

  @Test
  void aBadSettingIsReportedWithItsKey() throws Exception {
    var file = Path.of(getClass().getResource("/bad-client.conf").toURI()).toString();
    assertEquals(2, run("--config", file));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("ping-interval"));
  }

  @Test
  void aPasswordComesFromOnePlaceOnly() {
    assertEquals(2, run("--password-prompt", "--password-file", "pw"));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("not both"));
  }

  @Test
  void aMissingPasswordFileIsAUsageError() {
    assertEquals(2, run("--password-file", "no-such-password-file"));
    assertEquals(
        "cannot read the password file no-such-password-file: there is no such file\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void aPasswordFileThatCannotBeReadSaysWhy(@TempDir Path dir) throws IOException {
    assertEquals(2, run("--password-file", dir.toString()));
    assertEquals(
        "cannot read the password file " + dir + ": Is a directory\n",
        out.toString(StandardCharsets.UTF_8));

    out.reset();
    Path latin1 = Files.write(dir.resolve("password"), new byte[] {'p', (byte) 0xe4, 'w', '\n'});
    assertEquals(2, run("--password-file", latin1.toString()));
    assertEquals(
        "cannot read the password file " + latin1 + ": it is not UTF-8 text\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void thereIsNoOptionForThePasswordItself() {
    assertEquals(2, run("--password", "hunter22"));
    String said = out.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("parley client: Unknown option"), said);
  }

  @Test
  void aBadCommandLineIsOneLineThatPointsToTheHelp() {
    for (var args :
        List.of(
            List.of("--colour"),
            List.of("--port"),
            List.of("--port", "seven"),
            List.of("--nick", "alice", "lobby"))) {
      out.reset();
      assertEquals(2, run(args.toArray(String[]::new)), args.toString());
      String said = out.toString(StandardCharsets.UTF_8);
      assertTrue(said.startsWith("parley client: "), said);
      assertTrue(said.endsWith(" (see --help)\n"), said);
      assertEquals(1, said.lines().count(), said);
    }
  }

  @Test
  void anUnknownOptionIsNamed() {
    assertEquals(2, run("--colour"));
    assertEquals(
        "parley client: Unknown option: '--colour' (see --help)\n",
        out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void theHelpFitsEightyColumnsAndBreaksNoNameAcrossLines() {
    assertEquals(0, run("--help"));
    List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      assertTrue(line.length() <= 80, "longer than 80 columns: " + line);
      // picocli wraps after a dot: "parley.client." here, "console.history-file" on the next line
      if (i + 1 < lines.size() && NAME_CUT_AFTER_A_DOT.matcher(line).find()) {
        String next = lines.get(i + 1).stripLeading();
        assertTrue(
            next.isEmpty() || !NAME_GOES_ON.matcher(next).lookingAt(),
            "a name broken across lines:\n" + line + "\n" + lines.get(i + 1));
      }
    }
    String help = String.join("\n", lines);
    for (String name :
        List.of(
            "parley.client",
            "reference.conf",
            "~/.parley/client-history",
            "parley.client.console.history-file",
            "~/.parley/client.log",
            "--password-file",
            "--tls-fingerprint")) {
      assertTrue(help.contains(name), name + " whole in\n" + help);
    }
  }

  @Test
  void aPortOutOfRangeIsAUsageErrorThatNamesTheOption() {
    for (String port : List.of("99999", "-5", "0")) {
      out.reset();
      // the client must not get as far as connecting: that used to hang
      assertEquals(2, assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("--port", port)));
      String said = out.toString(StandardCharsets.UTF_8);
      assertTrue(said.startsWith("configuration: --port: "), said);
      assertTrue(said.contains("parley.client.port"), said);
      assertTrue(said.contains("must be from 1 to 65535, not " + port), said);
    }
  }

  @Test
  void aPortOutOfRangeInTheConfigFileIsAUsageErrorThatNamesTheSetting(@TempDir Path dir)
      throws IOException {
    Path file = Files.writeString(dir.resolve("client.conf"), "parley.client.port = 70000\n");
    assertEquals(
        2,
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> run("--config", file.toString())));
    String said = out.toString(StandardCharsets.UTF_8);
    assertTrue(said.startsWith("configuration: "), said);
    assertTrue(said.contains("client.conf: 1: "), said);
    assertTrue(said.contains("parley.client.port"), said);
    assertTrue(said.contains("not 70000"), said);
  }
}
