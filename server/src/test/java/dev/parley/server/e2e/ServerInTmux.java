package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testkit.Tmux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as an operator runs it at a terminal, {@code Main} in a JVM of its own, in a terminal
 * that tmux keeps for it: standard input and output are a terminal, so the operator's console is
 * on. A test presses keys and reads the terminal's screen.
 */
final class ServerInTmux implements AutoCloseable {

  static final String MISSING = "needs Debian's tmux package: apt-get install -y tmux";

  /** How long what the server should show may take to show; its start may take longer. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final String SESSION = "server";
  // wide enough for the banner's longest line, so that no line the test looks for wraps
  private static final int COLUMNS = 200;
  private static final int ROWS = 50;
  private static final String EXITED = "[the server exited ";

  private final Path home;
  private final Tmux tmux;
  private InetSocketAddress address;

  private ServerInTmux(Path home) {
    this.home = home;
    this.tmux = new Tmux(home.resolve("tmux.sock"));
  }

  /** Whether this machine has tmux (the condition of the test classes). */
  static boolean available() {
    return Tmux.onPath("tmux");
  }

  /** Starts the server with its rooms in memory, and returns once its console shows a prompt. */
  static ServerInTmux start(String prompt) {
    Path home;
    try {
      home = Files.createTempDirectory("parley-console-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var server = new ServerInTmux(home);
    try {
      Path script = home.resolve("server.sh");
      Files.writeString(script, script(), UTF_8);
      server.tmux.tmux(
          "new-session",
          "-d",
          "-s",
          SESSION,
          "-x",
          String.valueOf(COLUMNS),
          "-y",
          String.valueOf(ROWS),
          "sh",
          script.toString());
      int port =
          server.waitFor(
              "the server to listen",
              START_TIMEOUT,
              () -> Optional.of(LISTENING.matcher(server.everything())).filter(Matcher::find),
              listening -> Integer.parseInt(listening.group(1)));
      server.address = new InetSocketAddress("127.0.0.1", port);
      server.waitForPromptLine(prompt);
      return server;
    } catch (IOException e) {
      server.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | AssertionError e) {
      server.close();
      throw e;
    }
  }

  InetSocketAddress address() {
    return address;
  }

  /** Types {@code text} at the console, without pressing Enter. */
  void type(String text) {
    tmux.tmux("send-keys", "-t", SESSION, "-l", "--", text);
  }

  /** Presses {@code key}, as tmux names it: {@code Enter}, {@code Tab}, {@code Up}. */
  void press(String key) {
    tmux.tmux("send-keys", "-t", SESSION, key);
  }

  /** The lines the terminal shows now, without trailing blanks, and without the blank rows. */
  List<String> screen() {
    return tmux.tmux("capture-pane", "-p", "-J", "-t", SESSION)
        .lines()
        .map(String::stripTrailing)
        .filter(line -> !line.isEmpty())
        .toList();
  }

  /** Waits until the last line on the screen, the cursor's, is {@code expected}. */
  void waitForPromptLine(String expected) {
    waitFor(
        "the prompt line to be '" + expected + "'",
        TIMEOUT,
        () -> Optional.of(screen()).filter(lines -> last(lines).equals(expected)),
        lines -> lines);
  }

  /** Waits until a line on the screen holds {@code text}, and returns the screen's lines. */
  List<String> waitForScreen(String text) {
    return waitFor(
        "the screen to show '" + text + "'",
        TIMEOUT,
        () -> Optional.of(screen()).filter(lines -> lines.stream().anyMatch(l -> l.contains(text))),
        lines -> lines);
  }

  static String last(List<String> lines) {
    return lines.isEmpty() ? "" : lines.get(lines.size() - 1);
  }

  /** Shuts the server down from its console, then ends tmux and removes the temporary home. */
  @Override
  public void close() {
    try {
      if (tmux.hasSession(SESSION)) {
        type("/shutdown");
        press("Enter");
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (!everything().contains(EXITED) && System.nanoTime() < deadline) {
          Tmux.pause(POLL);
        }
      }
    } finally {
      tmux.run("kill-server");
      Tmux.deleteTree(home);
    }
  }

  // after the server, the shell keeps the pane (and what the server printed) open for the test
  private static String script() {
    return String.join(
        " ",
        "'" + Path.of(System.getProperty("java.home"), "bin", "java") + "'",
        "-XX:TieredStopAtLevel=1",
        // the test class path holds logback-test.xml, which only captures: log as the server does
        "-Dlogback.configurationFile=logback.xml",
        "-cp",
        "'" + System.getProperty("java.class.path") + "'",
        "dev.parley.server.Main",
        "--port 0 --http-port 0 --irc-port 0 -Dparley.persistence.store=memory",
        "; echo '" + EXITED + "'$?']'; sleep 600\n");
  }

  /** Everything the terminal printed, the lines scrolled away included. */
  private String everything() {
    return tmux.tmux("capture-pane", "-p", "-J", "-S", "-", "-t", SESSION);
  }

  private <S, T> T waitFor(
      String what,
      Duration timeout,
      java.util.function.Supplier<Optional<S>> condition,
      Function<S, T> result) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<S> seen = condition.get();
      if (seen.isPresent()) {
        return result.apply(seen.get());
      }
      if (System.nanoTime() > deadline) {
        return fail(
            "waited "
                + timeout.toSeconds()
                + " s for "
                + what
                + "; the terminal:\n"
                + everything());
      }
      Tmux.pause(POLL);
    }
  }

  private record Result(int exitCode, String output) {}
}
