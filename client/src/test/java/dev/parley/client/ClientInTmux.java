package dev.parley.client;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.testkit.Tmux;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * The console client, run through its main entry point as a person runs it, in a terminal that tmux
 * keeps for it, of the size a test asks for: a test types keys and reads the screen as tmux shows
 * it. Its home, history and log live in a temporary directory. Test classes use it only when {@link
 * #available()}.
 */
public final class ClientInTmux implements AutoCloseable {

  public static final String MISSING = "needs tmux: apt-get install -y tmux";

  private static final Duration TIMEOUT = Duration.ofSeconds(15);
  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(5);
  private static final String SESSION = "parley";

  private final Path home;
  private final Tmux tmux;

  private ClientInTmux(Path home) {
    this.home = home;
    this.tmux = new Tmux(home.resolve("tmux.sock"));
  }

  /** Whether this machine has tmux. */
  public static boolean available() {
    return Tmux.onPath("tmux");
  }

  /**
   * The client, connecting to {@code server} as {@code nick}, in a terminal {@code columns} wide
   * and {@code rows} high, with {@code settings} (HOCON under {@code parley.client}) laid over the
   * test defaults.
   */
  public static ClientInTmux start(
      InetSocketAddress server, String nick, int columns, int rows, String settings) {
    Path home;
    try {
      home = Files.createTempDirectory("parley-client-tmux-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var client = new ClientInTmux(home);
    try {
      Path config = home.resolve("client.conf");
      Files.writeString(
          config,
          """
          parley.client {
            reconnect { min-backoff = 50ms, max-backoff = 500ms, random-factor = 0 }
            quit-timeout = 2s
            console.history-file = "%s"
            %s
          }
          """
              .formatted(home.resolve("history"), settings),
          UTF_8);
      List<String> command =
          new ArrayList<>(
              List.of(
                  "new-session",
                  "-d",
                  "-s",
                  SESSION,
                  "-x",
                  String.valueOf(columns),
                  "-y",
                  String.valueOf(rows),
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-Duser.home=" + home,
                  "-cp",
                  System.getProperty("java.class.path"),
                  Main.class.getName(),
                  "--host",
                  server.getHostString(),
                  "--port",
                  String.valueOf(server.getPort()),
                  "--nick",
                  nick,
                  "--config",
                  config.toString(),
                  "--no-color"));
      client.tmux.tmux(command.toArray(String[]::new));
      // what the client prints when tmux shows a window closed under it: kept for a failure
      client.tmux.tmux("set-option", "-t", SESSION, "remain-on-exit", "on");
      return client;
    } catch (IOException e) {
      client.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | AssertionError e) {
      client.close();
      throw e;
    }
  }

  /** Types {@code text} and presses Enter. */
  public void type(String text) {
    tmux.tmux("send-keys", "-t", SESSION, "-l", "--", text);
    keys("Enter");
  }

  /** Presses keys as tmux names them: {@code M-2}, {@code M-Left}, {@code C-n}, {@code PPage}. */
  public void keys(String... keys) {
    List<String> command = new ArrayList<>(List.of("send-keys", "-t", SESSION));
    command.addAll(List.of(keys));
    tmux.tmux(command.toArray(String[]::new));
  }

  /** The terminal's lines as it shows them now, without trailing blanks. */
  public List<String> screen() {
    return tmux.tmux("capture-pane", "-p", "-t", SESSION)
        .lines()
        .map(String::stripTrailing)
        .toList();
  }

  /** Waits until the screen shows a line holding {@code text}, and returns the screen. */
  public List<String> awaitLine(String text) {
    return await(
        "a line with '" + text + "'", lines -> lines.stream().anyMatch(l -> l.contains(text)));
  }

  /** Waits until the screen's last line, the status bar, holds {@code text}; returns the screen. */
  public List<String> awaitStatus(String text) {
    return await(
        "the status bar to show '" + text + "'",
        lines -> !lines.isEmpty() && statusBar(lines).contains(text));
  }

  /** Waits until the screen is as {@code condition} wants it, and returns it. */
  public List<String> await(String what, Predicate<List<String>> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      List<String> lines = screen();
      if (condition.test(lines)) {
        return lines;
      }
      if (System.nanoTime() > deadline) {
        return fail(
            "waited "
                + TIMEOUT.toSeconds()
                + " s for "
                + what
                + "; the screen:\n"
                + String.join("\n", lines));
      }
      try {
        Thread.sleep(POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return fail("interrupted");
      }
    }
  }

  /** The status bar of a screen: its last line that is not blank. */
  public static String statusBar(List<String> screen) {
    for (int i = screen.size() - 1; i >= 0; i--) {
      if (!screen.get(i).isBlank()) {
        return screen.get(i);
      }
    }
    return "";
  }

  /** Quits the client with {@code /quit}, ends tmux, and removes the temporary home. */
  @Override
  public void close() {
    try {
      if (paneAlive()) {
        type("/quit");
        long deadline = System.nanoTime() + QUIT_TIMEOUT.toNanos();
        while (paneAlive() && System.nanoTime() < deadline) {
          try {
            Thread.sleep(POLL.toMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            break;
          }
        }
      }
    } finally {
      tmux.run("kill-server");
      Tmux.deleteTree(home);
    }
  }

  private boolean paneAlive() {
    Tmux.Result result = tmux.run("display-message", "-p", "-t", SESSION, "#{pane_dead}");
    return result.exitCode() == 0 && result.output().strip().equals("0");
  }
}
