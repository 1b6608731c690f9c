package dev.parley.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.parley.client.command.CommandParser;
import dev.parley.client.command.SlashCommand;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.TlsTrust;
import dev.parley.client.files.FilesSettings;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.Console;
import dev.parley.client.terminal.ConsoleSettings;
import dev.parley.client.terminal.InteractiveConsole;
import dev.parley.client.terminal.ScriptConsole;
import dev.parley.protocol.ProtocolRules;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ListResourceBundle;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.LogManager;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The console client's entry point: {@code ./parley client [--host H] [--port P] [--nick N] [--tls
 * | --ca FILE | --tls-fingerprint SHA256]}.
 */
@Command(
    name = "parley client",
    sortOptions = false,
    usageHelpWidth = Main.HELP_WIDTH,
    description = {
      "The Parley console client: chat in rooms on a Parley server.",
      "On a terminal it is a line editor with history and Tab completion; with stdin from a pipe"
          + " or a file it runs the lines as a script and prints plain lines.",
      "The defaults come from parley.client in the client's configuration (see --config).",
      ""
    })
public final class Main implements Callable<Integer> {

  // fixed, not the terminal's: the help is laid out, and tested, at this width (columns)
  static final int HELP_WIDTH = 80;

  // set up logging here, on one thread, before Pekko's threads log concurrently
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);
  private static final String PASSWORD_VARIABLE = "PARLEY_PASSWORD";
  private static final String TLS_PORT_KEY = "parley.client.tls.port";

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The server's host (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description =
          "The server's TCP port (default: ${DEFAULT-VALUE}; with TLS: ${bundle:"
              + TLS_PORT_KEY
              + "}).")
  private Integer port;

  @Option(
      names = "--tls",
      description =
          "Connect with TLS (1.2 or 1.3). The server's certificate must be for HOST and trusted"
              + " by the system's trust store.")
  private boolean tls;

  @Option(
      names = "--ca",
      paramLabel = "FILE",
      description =
          "Trust only the CA certificates in this PEM file, instead of the system's (implies"
              + " --tls). The certificate must still be for HOST.")
  private Path caFile;

  @Option(
      names = "--tls-fingerprint",
      paramLabel = "SHA256",
      description =
          "Trust only the server certificate with this SHA-256 fingerprint, as the server prints"
              + " it at start (64 hex digits, colons optional; implies --tls). A self-signed"
              + " certificate works; HOST is not checked, the pin is stronger.")
  private String fingerprint;

  @Option(
      names = "--nick",
      paramLabel = "NICK",
      description =
          "The nick to ask for (default: your login name when it is a valid nick, else a guest"
              + " nick from the server).")
  private String nick;

  @Option(
      names = "--password-prompt",
      description =
          "Ask for the nick's password (masked) before connecting. Without it the client asks"
              + " when the server says the nick is registered.")
  private boolean passwordPrompt;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description =
          "Read the nick's password from the first line of FILE, for scripts (keep the file"
              + " private); or set the "
              + PASSWORD_VARIABLE
              + " variable. Never on the command line.")
  private Path passwordFile;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A HOCON file of parley.client settings over the defaults; the client's"
              + " reference.conf lists the keys.")
  private File config;

  @Option(
      names = "--no-color",
      description = "Print plain text, no colours (also when the NO_COLOR variable is set).")
  private boolean noColor;

  @Option(
      names = {"-h", "--help"},
      usageHelp = true,
      description = "Show this help and exit.")
  private boolean help;

  @Spec private CommandSpec spec;

  private final InputStream in;
  private final PrintStream out;
  private final PrintStream err;
  private final Map<String, String> environment;

  private Main(InputStream in, PrintStream out, PrintStream err, Map<String, String> environment) {
    this.in = in;
    this.out = out;
    this.err = err;
    this.environment = environment;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err, System.getenv()));
  }

  /** Runs the client as {@code main} would, on the given streams; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out) {
    return run(args, in, out, out);
  }

  /**
   * Runs the client as {@code main} would; returns the exit status: 0 after a quit, 1 when the
   * server ended the session, refused the nick or password of a script, or its TLS certificate was
   * refused, 2 for a bad command line. The line editor is used only when {@code in} is the
   * process's own terminal.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    return run(args, in, out, err, System.getenv());
  }

  /** As {@link #run(String[], InputStream, PrintStream, PrintStream)}, with these variables. */
  public static int run(
      String[] args,
      InputStream in,
      PrintStream out,
      PrintStream err,
      Map<String, String> environment) {
    var commandLine = new CommandLine(new Main(in, out, err, environment));
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    commandLine.setDefaultValueProvider(
        option ->
            switch (option.paramLabel()) {
              case "HOST" -> ConfigFactory.load().getString("parley.client.host");
              case "PORT" -> ConfigFactory.load().getString("parley.client.port");
              default -> null;
            });
    // the help's default TLS port, from the configuration as the other defaults are
    commandLine.setResourceBundle(
        new ListResourceBundle() {
          @Override
          protected Object[][] getContents() {
            return new Object[][] {{TLS_PORT_KEY, ConfigFactory.load().getString(TLS_PORT_KEY)}};
          }
        });
    commandLine.getCommandSpec().usageMessage().footer(footer());
    // one line, as the server says it, instead of picocli's suggestions and the whole help
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          err.println(commandLine.getCommandName() + ": " + problem.getMessage() + " (see --help)");
          return CommandLine.ExitCode.USAGE;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (nick != null && !ProtocolRules.isValidNick(nick)) {
      err.println(CommandParser.notANick(nick));
      return CommandLine.ExitCode.USAGE;
    }
    if (passwordPrompt && passwordFile != null) {
      err.println("give --password-prompt or --password-file, not both");
      return CommandLine.ExitCode.USAGE;
    }
    if (caFile != null && fingerprint != null) {
      err.println("give --ca (trust a CA) or --tls-fingerprint (trust one certificate), not both");
      return CommandLine.ExitCode.USAGE;
    }
    Config settings;
    ConnectionSettings connectionSettings;
    ConsoleSettings consoleSettings;
    FrameRenderer renderer;
    try {
      settings = settings();
      connectionSettings = ConnectionSettings.fromConfig(settings);
      consoleSettings = ConsoleSettings.fromConfig(settings);
      // read again by the connection's file sharing: a bad value is told here, before it starts
      FilesSettings.fromConfig(settings);
      renderer = new FrameRenderer(Clock.systemDefaultZone(), consoleSettings.timeFormat());
    } catch (TlsTrust.UnusableCaFile e) {
      err.println(e.getMessage());
      return CommandLine.ExitCode.USAGE;
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("configuration: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    boolean interactive = in == System.in && System.console() != null;
    if (passwordPrompt && (!interactive || connectionSettings.nick() == null)) {
      err.println(
          interactive
              ? "--password-prompt needs a nick (--nick): a guest has no password"
              : "--password-prompt needs a terminal; a script gives the password in the "
                  + PASSWORD_VARIABLE
                  + " variable or with --password-file");
      return CommandLine.ExitCode.USAGE;
    }
    String password = environment.get(PASSWORD_VARIABLE);
    if (passwordFile != null) {
      try {
        password = firstLine(passwordFile);
      } catch (IOException e) {
        err.println("cannot read the password file " + passwordFile + ": " + whatWentWrong(e));
        return CommandLine.ExitCode.USAGE;
      }
      if (password == null) {
        err.println("the password file " + passwordFile + " has no password on its first line");
        return CommandLine.ExitCode.USAGE;
      }
    }
    if (password != null && password.isEmpty()) {
      password = null;
    }
    // JLine reports through java.util.logging, whose console handler would print onto the chat
    LogManager.getLogManager().reset();
    Console console;
    if (interactive) {
      var terminalConsole =
          InteractiveConsole.onSystemTerminal(consoleSettings, renderer, colours());
      if (passwordPrompt) {
        password = terminalConsole.askPassword("password for " + connectionSettings.nick() + ": ");
        if (password == null || password.isEmpty()) {
          return Connection.EXIT_OK;
        }
      }
      console = terminalConsole;
    } else {
      console = new ScriptConsole(in, out, err, renderer, consoleSettings, password);
    }
    // the console prints from the connection's thread: keep that off Pekko's default dispatcher
    ActorSystem<Connection.Command> system =
        ActorSystem.create(
            Connection.create(connectionSettings, password, console),
            "parley-client",
            actorSystemConfig(settings),
            DispatcherSelector.blocking());
    try {
      return console.run(system, system);
    } finally {
      system.terminate();
      try {
        system
            .getWhenTerminated()
            .toCompletableFuture()
            .get(SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        log.warn("The client's actor system did not stop within {}", SHUTDOWN_TIMEOUT);
      }
    }
  }

  private Config settings() {
    Config base =
        config == null
            ? ConfigFactory.load()
            : ConfigFactory.load(
                ConfigFactory.parseFile(
                    config, ConfigParseOptions.defaults().setAllowMissing(false)));
    Config settings = base;
    var parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--host")) {
      settings = overridden(settings, "--host", "parley.client.host", host);
    }
    if (parsed.hasMatchedOption("--port")) {
      settings =
          overridden(
              settings,
              "--port",
              Map.of("parley.client.port", port, "parley.client.tls.port", port));
    }
    if (parsed.hasMatchedOption("--nick")) {
      settings = overridden(settings, "--nick", "parley.client.nick", nick);
    }
    if (tls) {
      settings = overridden(settings, "--tls", "parley.client.tls.enabled", true);
    }
    // each trusts in its own way: the other way, from the configuration, gives way to it
    if (caFile != null) {
      settings =
          overridden(
              settings,
              "--ca",
              Map.of(
                  "parley.client.tls.enabled",
                  true,
                  "parley.client.tls.ca-file",
                  caFile.toString(),
                  "parley.client.tls.fingerprint",
                  ""));
    }
    if (fingerprint != null) {
      settings =
          overridden(
              settings,
              "--tls-fingerprint",
              Map.of(
                  "parley.client.tls.enabled",
                  true,
                  "parley.client.tls.fingerprint",
                  fingerprint,
                  "parley.client.tls.ca-file",
                  ""));
    }
    return settings;
  }

  // the option is the origin: an error in its value names it
  private static Config overridden(Config settings, String option, String key, Object value) {
    return overridden(settings, option, Map.of(key, value));
  }

  private static Config overridden(Config settings, String option, Map<String, ?> values) {
    return ConfigFactory.parseMap(values, option).withFallback(settings);
  }

  /** The first line of {@code file}, or null when it has none. */
  private static String firstLine(Path file) throws IOException {
    try (var lines = Files.lines(file, StandardCharsets.UTF_8)) {
      return lines.findFirst().filter(line -> !line.isEmpty()).orElse(null);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Why a file could not be read, without its name, which the caller says already. */
  private static String whatWentWrong(IOException e) {
    if (e instanceof NoSuchFileException) {
      return "there is no such file";
    }
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    if (e instanceof CharacterCodingException) {
      return "it is not UTF-8 text";
    }
    if (e instanceof FileSystemException problem && problem.getReason() != null) {
      return problem.getReason();
    }
    return e.getMessage();
  }

  private boolean colours() {
    String noColorVariable = environment.get("NO_COLOR");
    return !noColor && (noColorVariable == null || noColorVariable.isEmpty());
  }

  /** The settings of the client's actor system: parley.client.pekko over the pekko section. */
  static Config actorSystemConfig(Config settings) {
    return settings.getConfig("parley.client.pekko").atKey("pekko").withFallback(settings);
  }

  // picocli wraps a footer after any dot, inside names, and continues at column 0: it gets lines
  // that fit already
  private static String footer() {
    int width = Stream.of(SlashCommand.values()).mapToInt(c -> c.usage().length()).max().orElse(0);
    String commands =
        Stream.of(SlashCommand.values())
            .map(c -> wrapped(String.format("  %-" + width + "s  ", c.usage()), c.summary()))
            .collect(Collectors.joining("%n"));
    return String.join(
        "%n",
        "",
        wrapped(
            "Once connected, plain text goes to the current room (shown in the prompt,"
                + " alice@lobby>), and these commands work:"),
        commands,
        "",
        wrapped(
            "A registered nick needs its password: the client asks for it (masked) when the"
                + " server says so; a script gives it in "
                + PASSWORD_VARIABLE
                + " or with --password-file. It is kept in memory only, to log in again after a"
                + " lost connection."),
        "",
        wrapped(
            "Input history is kept in ~/.parley/client-history"
                + " (parley.client.console.history-file); warnings are logged to"
                + " ~/.parley/client.log."),
        wrapped(
            "With TLS, a server certificate that is not trusted, not for the host or not the"
                + " pinned one ends the client at once, with its SHA-256 and what to do; it is not"
                + " retried as a lost connection is."),
        "",
        wrapped(
            "Exit status: 0 after /quit, 1 when the server ended the session, refused a script's"
                + " nick or password, or its certificate was refused, 2 for a bad command line."));
  }

  private static String wrapped(String text) {
    return wrapped("", text);
  }

  /** {@code lead} and {@code text} in lines of the help's width, broken at spaces only. */
  private static String wrapped(String lead, String text) {
    String indent = " ".repeat(lead.length());
    var lines = new StringBuilder();
    var line = new StringBuilder(lead);
    for (String word : text.split(" ")) {
      if (line.length() > indent.length()) {
        if (line.length() + 1 + word.length() > HELP_WIDTH) {
          lines.append(line).append("%n");
          line = new StringBuilder(indent);
        } else {
          line.append(' ');
        }
      }
      line.append(word);
    }
    return lines.append(line).toString();
  }
}
