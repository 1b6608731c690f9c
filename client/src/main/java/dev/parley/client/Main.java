package dev.parley.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import dev.parley.client.command.SlashCommand;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.Console;
import dev.parley.client.terminal.ConsoleSettings;
import dev.parley.client.terminal.InteractiveConsole;
import dev.parley.client.terminal.ScriptConsole;
import dev.parley.protocol.ProtocolRules;
import java.io.File;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
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

/** The console client's entry point: {@code ./parley client [--host H] [--port P] [--nick N]}. */
@Command(
    name = "parley client",
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = {
      "The Parley console client: chat in rooms on a Parley server.",
      "On a terminal it is a line editor with history and Tab completion; with stdin from a pipe"
          + " or a file it runs the lines as a script and prints plain lines.",
      "The defaults come from parley.client in the client's configuration (see --config).",
      ""
    })
public final class Main implements Callable<Integer> {

  // set up logging here, on one thread, before Pekko's threads log concurrently
  private static final Logger log = LoggerFactory.getLogger(Main.class);
  private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

  @Option(
      names = "--host",
      paramLabel = "HOST",
      description = "The server's host (default: ${DEFAULT-VALUE}).")
  private String host;

  @Option(
      names = "--port",
      paramLabel = "PORT",
      description = "The server's TCP port (default: ${DEFAULT-VALUE}).")
  private Integer port;

  @Option(
      names = "--nick",
      paramLabel = "NICK",
      description =
          "The nick to ask for (default: your login name when it is a valid nick, else a guest"
              + " nick from the server).")
  private String nick;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "A HOCON file with parley.client settings over the defaults (the keys are in the"
              + " client's reference.conf).")
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

  private Main(InputStream in, PrintStream out, PrintStream err) {
    this.in = in;
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(run(args, System.in, System.out, System.err));
  }

  /** Runs the client as {@code main} would, on the given streams; returns the exit status. */
  public static int run(String[] args, InputStream in, PrintStream out) {
    return run(args, in, out, out);
  }

  /**
   * Runs the client as {@code main} would; returns the exit status: 0 after a quit, 1 when the
   * server ended the session or refused the nick of a script, 2 for a bad command line. The line
   * editor is used only when {@code in} is the process's own terminal.
   */
  public static int run(String[] args, InputStream in, PrintStream out, PrintStream err) {
    var commandLine = new CommandLine(new Main(in, out, err));
    commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
    commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
    commandLine.setDefaultValueProvider(
        option ->
            switch (option.paramLabel()) {
              case "HOST" -> ConfigFactory.load().getString("parley.client.host");
              case "PORT" -> ConfigFactory.load().getString("parley.client.port");
              default -> null;
            });
    commandLine.getCommandSpec().usageMessage().footer(footer());
    return commandLine.execute(args);
  }

  @Override
  public Integer call() throws Exception {
    if (nick != null && !ProtocolRules.isValidNick(nick)) {
      err.println(
          "'"
              + nick
              + "' is not a nick: 1 to 16 letters, digits or _-[]{}\\^|, not starting with a"
              + " digit or -");
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
      renderer = new FrameRenderer(Clock.systemDefaultZone(), consoleSettings.timeFormat());
    } catch (ConfigException | IllegalArgumentException e) {
      err.println("configuration: " + e.getMessage());
      return CommandLine.ExitCode.USAGE;
    }
    boolean interactive = in == System.in && System.console() != null;
    // JLine reports through java.util.logging, whose console handler would print onto the chat
    LogManager.getLogManager().reset();
    Console console =
        interactive
            ? InteractiveConsole.onSystemTerminal(consoleSettings, renderer, colours())
            : new ScriptConsole(in, out, err, renderer, consoleSettings);
    // the console prints from the connection's thread: keep that off Pekko's default dispatcher
    ActorSystem<Connection.Command> system =
        ActorSystem.create(
            Connection.create(connectionSettings, console),
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
    Map<String, Object> overrides = new HashMap<>();
    var parsed = spec.commandLine().getParseResult();
    if (parsed.hasMatchedOption("--host")) {
      overrides.put("parley.client.host", host);
    }
    if (parsed.hasMatchedOption("--port")) {
      overrides.put("parley.client.port", port);
    }
    if (parsed.hasMatchedOption("--nick")) {
      overrides.put("parley.client.nick", nick);
    }
    return ConfigFactory.parseMap(overrides).withFallback(base);
  }

  private boolean colours() {
    String noColorVariable = System.getenv("NO_COLOR");
    return !noColor && (noColorVariable == null || noColorVariable.isEmpty());
  }

  private static Config actorSystemConfig(Config settings) {
    return settings.getConfig("parley.client.pekko").atKey("pekko").withFallback(settings);
  }

  private static String footer() {
    int width = Stream.of(SlashCommand.values()).mapToInt(c -> c.usage().length()).max().orElse(0);
    String commands =
        Stream.of(SlashCommand.values())
            .map(c -> String.format("  %-" + width + "s  %s", c.usage(), c.summary()))
            .collect(Collectors.joining("%n"));
    return String.join(
        "%n",
        "",
        "Once connected, plain text goes to the current room (shown in the prompt,"
            + " alice@lobby>), and these commands work:",
        commands,
        "",
        "Input history is kept in ~/.parley/client-history (parley.client.console.history-file);"
            + " warnings are logged to ~/.parley/client.log.",
        "Exit status: 0 after /quit, 1 when the server ended the session or refused a script's"
            + " nick, 2 for a bad command line.");
  }
}
