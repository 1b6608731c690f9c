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
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * One person at irssi, Debian's IRC client, in a terminal that tmux keeps for it: what a test does
 * here is typing a line and pressing Enter; what it reads is the terminal's screen, or the logs
 * irssi writes of each window. Everything lives in a temporary home, with a config that connects to
 * nothing on its own and saves nothing. Test classes use it only when {@link #available()}.
 */
final class IrssiInTmux implements AutoCloseable {

  static final String MISSING =
      "needs Debian's irssi and tmux packages: apt-get install -y irssi tmux";

  /** How long something irssi should show may take to show. */
  static final Duration TIMEOUT = Duration.ofSeconds(15);

  /** The network the config names the server under: {@code /connect Parley}. */
  static final String NETWORK = "Parley";

  private static final Duration POLL = Duration.ofMillis(50);
  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(3);
  private static final Duration RAW_LOG_TIMEOUT = Duration.ofSeconds(3);
  private static final String SESSION = "irssi";
  private static final int COLUMNS = 200;
  private static final int ROWS = 50;
  private static final int RAW_LINES_KEPT = 2000;

  private final Path home;
  private final Tmux tmux;
  private int rawLogsSaved;

  private IrssiInTmux(Path home) {
    this.home = home;
    this.tmux = new Tmux(home.resolve("tmux.sock"));
  }

  /** Whether this machine has irssi and tmux (the condition of the test classes). */
  static boolean available() {
    return Tmux.onPath("irssi") && Tmux.onPath("tmux");
  }

  /**
   * irssi started as {@code nick}, not yet connected, with {@code server} in its config as the
   * network {@link #NETWORK}.
   */
  static IrssiInTmux start(InetSocketAddress server, String nick) {
    Path home;
    try {
      home = Files.createTempDirectory("parley-irssi-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var irssi = new IrssiInTmux(home);
    try {
      Files.writeString(home.resolve("config"), config(home, server, nick), UTF_8);
      irssi.tmux.tmux(
          "new-session",
          "-d",
          "-s",
          SESSION,
          "-x",
          String.valueOf(COLUMNS),
          "-y",
          String.valueOf(ROWS),
          "irssi",
          "--home=" + home,
          "--noconnect");
      irssi.waitForPrinted("Irssi v");
      return irssi;
    } catch (IOException e) {
      irssi.close();
      throw new UncheckedIOException(e);
    } catch (RuntimeException | AssertionError e) {
      irssi.close();
      throw e;
    }
  }

  // --- typing

  /** Types {@code line} and presses Enter: text for the open window, or a /command. */
  void type(String line) {
    tmux.tmux("send-keys", "-t", SESSION, "-l", "--", line);
    tmux.tmux("send-keys", "-t", SESSION, "Enter");
  }

  /** {@code /connect Parley}, and waits until the server has put irssi in {@code #lobby}. */
  void connect() {
    type("/connect " + NETWORK);
    waitForWindow("#lobby", "has joined #lobby");
  }

  /**
   * Makes {@link #NETWORK} log in with SASL PLAIN as {@code account} ({@code /network add
   * -sasl_...}), for the next {@code /connect}; neither may hold a space or a quote.
   */
  void logInWithSaslPlain(String account, String password) {
    type(
        "/network add -sasl_mechanism PLAIN -sasl_username "
            + account
            + " -sasl_password "
            + password
            + " "
            + NETWORK);
    waitForPrinted("Network " + NETWORK + " saved");
  }

  /** {@code /join channel}, and waits until irssi shows the channel's window. */
  void join(String channel) {
    type("/join " + channel);
    waitForWindow(channel, "has joined " + channel);
    waitForScreen("[" + channel + "]");
  }

  // --- reading

  /** The terminal as it shows now: the open window and the status bars. */
  String screen() {
    return tmux.tmux("capture-pane", "-p", "-J", "-t", SESSION);
  }

  /** Waits until the terminal shows a line holding {@code text}, and returns that line. */
  String waitForScreen(String text) {
    return waitFor("the screen to show '" + text + "'", () -> lineWith(screen(), text));
  }

  /**
   * What irssi printed in the window of {@code target} (a channel, or the nick of a query), as its
   * autolog has it: one line per event, without colours.
   */
  String window(String target) {
    return read(home.resolve("logs").resolve(fileNameOf(target) + ".log"));
  }

  /** Waits until the window of {@code target} holds a line with {@code text}, and returns it. */
  String waitForWindow(String target, String text) {
    return waitFor(
        "the window " + target + " to show '" + text + "'", () -> lineWith(window(target), text));
  }

  /** Everything irssi printed, in any window (status, channels, queries), in the order printed. */
  String printed() {
    return read(home.resolve("printed.log"));
  }

  /** Waits until irssi has printed a line with {@code text} in any window, and returns it. */
  String waitForPrinted(String text) {
    return waitFor("irssi to print '" + text + "'", () -> lineWith(printed(), text));
  }

  /**
   * The IRC lines irssi sent ({@code <<}) and received ({@code >>}) on its connection, as its
   * {@code /rawlog save} writes them; empty when irssi has no connection to save them from.
   */
  String rawLog() {
    Path file = home.resolve("raw-" + ++rawLogsSaved + ".log");
    type("/rawlog save " + file);
    long deadline = System.nanoTime() + RAW_LOG_TIMEOUT.toNanos();
    long lastSize = -1;
    while (System.nanoTime() < deadline) {
      // irssi writes the file in one go; a size that stays put between two polls is all of it
      long size = file.toFile().length();
      if (size > 0 && size == lastSize) {
        return read(file);
      }
      lastSize = size;
      Tmux.pause(POLL);
    }
    return "";
  }

  /** Quits irssi with {@code /quit}, ends the tmux server, and removes the temporary home. */
  @Override
  public void close() {
    try {
      if (sessionRunning()) {
        type("/quit");
        long deadline = System.nanoTime() + QUIT_TIMEOUT.toNanos();
        while (sessionRunning() && System.nanoTime() < deadline) {
          Tmux.pause(POLL);
        }
      }
    } finally {
      tmux.run("kill-server");
      Tmux.deleteTree(home);
    }
  }

  private <T> T waitFor(String what, Supplier<Optional<T>> condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      Optional<T> result = condition.get();
      if (result.isPresent()) {
        return result.get();
      }
      if (System.nanoTime() > deadline) {
        return fail("waited " + TIMEOUT.toSeconds() + " s for " + what + "\n" + whatIrssiHad());
      }
      Tmux.pause(POLL);
    }
  }

  /** The screen and the raw IRC lines, for a failure's message. */
  private String whatIrssiHad() {
    if (!sessionRunning()) {
      return "--- irssi is no longer running; it printed:\n" + printed();
    }
    return "--- screen (blank lines left out):\n"
        + withoutBlankLines(screen())
        + "\n--- raw IRC lines (<< irssi sent, >> irssi got):\n"
        + rawLog();
  }

  private boolean sessionRunning() {
    return tmux.hasSession(SESSION);
  }

  /**
   * The whole config: the server as the only network, no autosave, no reconnecting, no flood delay
   * between lines, no paste detection (tmux types faster than a person), an autolog per window and
   * one log of everything.
   */
  private static String config(Path home, InetSocketAddress server, String nick) {
    return """
        servers = (
          {
            address = "%1$s";
            port = "%2$d";
            chatnet = "%3$s";
            use_tls = "no";
            autoconnect = "no";
          }
        );
        chatnets = { %3$s = { type = "IRC"; cmdspeed = "0"; cmdmax = "1000"; }; };
        channels = ( );
        settings = {
          core = {
            nick = "%4$s";
            user_name = "%4$s";
            real_name = "Parley test";
            settings_autosave = "no";
            server_reconnect_time = "-1";
            rawlog_lines = "%5$d";
          };
          "fe-common/core" = {
            term_charset = "UTF-8";
            autolog = "yes";
            autolog_path = "%6$s/logs/$0.log";
            autolog_level = "all";
            beep_msg_level = "";
          };
          "fe-text" = { paste_detect_time = "0"; };
        };
        logs = { "%6$s/printed.log" = { auto_open = "yes"; level = "all"; }; };
        """
        .formatted(server.getHostString(), server.getPort(), NETWORK, nick, RAW_LINES_KEPT, home);
  }

  // irssi's autolog names a window's file after its target in lower case, '/' made '_'
  private static String fileNameOf(String target) {
    return target.toLowerCase(Locale.ROOT).replace('/', '_');
  }

  private static String withoutBlankLines(String text) {
    return String.join(
        "\n", text.lines().map(String::stripTrailing).filter(l -> !l.isEmpty()).toList());
  }

  private static Optional<String> lineWith(String text, String wanted) {
    return text.lines().filter(line -> line.contains(wanted)).findFirst();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, UTF_8);
    } catch (java.nio.file.NoSuchFileException notYet) {
      return "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
