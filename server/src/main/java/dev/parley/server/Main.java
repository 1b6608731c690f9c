package dev.parley.server;

import com.typesafe.config.ConfigException;
import dev.parley.protocol.ProtocolRules;
import dev.parley.server.account.PasswordHasher;
import dev.parley.server.console.OperatorConsole;
import dev.parley.server.settings.AccountSettings;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.settings.ServerConfig;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import sun.misc.Signal;

/**
 * {@code java -jar parley-server.jar [--config FILE] [--host H] [--port P] [--http-port P]
 * [--irc-port P] [-Dkey=value]}, or {@code ... hash-password NICK}.
 */
@Command(
    name = "parley-server",
    mixinStandardHelpOptions = true,
    version = "Parley server " + Banner.VERSION,
    description = "Runs the Parley chat server until SIGTERM or Ctrl-C.")
public final class Main implements Callable<Integer> {

  static final int EXIT_OK = 0;
  static final int EXIT_CANNOT_START = 1;
  static final int EXIT_BAD_USAGE = 2;
  private static final int MIN_PASSWORD_CHARS = 8;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description = "Settings over the built-in ones, in HOCON as in application.conf.")
  private Path config;

  @Option(names = "--host", paramLabel = "H", description = "Listen address (parley.listen.host).")
  private String host;

  @Option(names = "--port", paramLabel = "P", description = "Listen port (parley.listen.port).")
  private Integer port;

  @Option(
      names = "--http-port",
      paramLabel = "P",
      description = "HTTP port of the web client and /ws (parley.http.port).")
  private Integer httpPort;

  @Option(
      names = "--irc-port",
      paramLabel = "P",
      description = "Port of the IRC front door (parley.irc.port).")
  private Integer ircPort;

  @Option(
      names = "--console",
      description = "Read operator commands from standard input even when it is no terminal.")
  private boolean console;

  @Option(
      names = "-D",
      paramLabel = "KEY=VALUE",
      description = "Any setting, e.g. -Dparley.session.idle-timeout=10m.")
  private Map<String, String> properties = new LinkedHashMap<>();

  private final PrintWriter out;
  private final PrintWriter err;
  private final PasswordPrompt passwordPrompt;

  private Main(PrintWriter out, PrintWriter err, PasswordPrompt passwordPrompt) {
    this.out = out;
    this.err = err;
    this.passwordPrompt = passwordPrompt;
  }

  public static void main(String[] args) {
    System.exit(
        run(
            args,
            new PrintWriter(System.out, true),
            new PrintWriter(System.err, true),
            PasswordPrompt.terminalOr(System.in)));
  }

  /** Runs the command: the server until it is shut down, or hash-password; the exit status. */
  static int run(String[] args, PrintWriter out, PrintWriter err, PasswordPrompt passwordPrompt) {
    var commandLine = new CommandLine(new Main(out, err, passwordPrompt));
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setParameterExceptionHandler(
        (problem, arguments) -> {
          String help =
              problem.getCommandLine() == commandLine
                  ? "--help"
                  : problem.getCommandLine().getCommandName() + " --help";
          err.println("parley-server: " + problem.getMessage() + " (see " + help + ")");
          return EXIT_BAD_USAGE;
        });
    return commandLine.execute(args);
  }

  @Override
  public Integer call() {
    var overrides = new LinkedHashMap<>(properties);
    if (host != null) {
      overrides.put("parley.listen.host", host);
    }
    if (port != null) {
      overrides.put("parley.listen.port", port.toString());
    }
    if (httpPort != null) {
      overrides.put("parley.http.port", httpPort.toString());
    }
    if (ircPort != null) {
      overrides.put("parley.irc.port", ircPort.toString());
    }
    // logging starts here, before the actor system logs from several threads at once
    Logger log = LoggerFactory.getLogger(Main.class);
    log.info("Starting Parley{}", config == null ? "" : " with " + config.toAbsolutePath());
    // a signal while the server starts stops it once it has started, as a signal after does
    var stopAsked = new CompletableFuture<Void>();
    stopOnSignal("TERM", stopAsked);
    stopOnSignal("INT", stopAsked);
    ParleyServer server;
    try {
      server = ParleyServer.start(ServerConfig.load(config, overrides));
    } catch (ConfigException e) {
      err.println("parley-server: bad configuration: " + e.getMessage());
      return EXIT_BAD_USAGE;
    } catch (IllegalArgumentException | UncheckedIOException e) {
      err.println("parley-server: bad users file: " + e.getMessage());
      return EXIT_BAD_USAGE;
    } catch (IllegalStateException e) {
      err.println("parley-server: " + e.getMessage());
      return EXIT_CANNOT_START;
    }
    log.info(Banner.describe(server, config));
    stopAsked.thenRun(server::shutdown);
    OperatorConsole operatorConsole = startConsole(server, log);
    server.whenTerminated().toCompletableFuture().join();
    if (operatorConsole != null) {
      operatorConsole.close();
    }
    return EXIT_OK;
  }

  @Command(
      name = "hash-password",
      mixinStandardHelpOptions = true,
      version = "Parley server " + Banner.VERSION,
      // short enough for one line: picocli would wrap a long one inside a name, after a dot
      header = "Prints an account's line for parley.accounts.users-file.",
      description = "Asks for the password at a prompt, without echo on a terminal.")
  int hashPassword(
      @Parameters(paramLabel = "NICK", description = "The account's nick.") String nick) {
    if (!ProtocolRules.isValidNick(nick)) {
      err.println("parley-server: '" + nick + "' is not a valid nick");
      return EXIT_BAD_USAGE;
    }
    AccountSettings settings;
    try {
      settings = ParleySettings.fromConfig(ServerConfig.load(config, properties)).accounts();
    } catch (ConfigException e) {
      err.println("parley-server: bad configuration: " + e.getMessage());
      return EXIT_BAD_USAGE;
    }
    String password = passwordPrompt.read("Password for " + nick + ": ");
    if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD_CHARS) {
      err.println("parley-server: a password has at least " + MIN_PASSWORD_CHARS + " chars");
      return EXIT_BAD_USAGE;
    }
    out.println(nick + " " + new PasswordHasher(settings.argon2()).hash(password));
    return EXIT_OK;
  }

  /**
   * The operator's console on a thread of its own: JLine's line editor on a terminal, plain lines
   * of standard input with --console; null when there is neither.
   */
  private OperatorConsole startConsole(ParleyServer server, Logger log) {
    OperatorConsole operatorConsole;
    if (System.console() != null) {
      try {
        operatorConsole = OperatorConsole.onSystemTerminal(server, ZoneId.systemDefault());
      } catch (IOException e) {
        log.warn("No operator console: the terminal cannot be opened ({})", e.getMessage());
        return null;
      }
    } else if (console) {
      var input = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      operatorConsole = new OperatorConsole(server, input, out, ZoneId.systemDefault());
    } else {
      log.info(
          "No operator console: standard input or output is no terminal (--console reads"
              + " operator commands from standard input all the same)");
      return null;
    }
    var thread = new Thread(operatorConsole, "parley-console");
    thread.setDaemon(true);
    thread.start();
    return operatorConsole;
  }

  // handling the signal ourselves, rather than in a JVM shutdown hook, lets the process exit 0
  private static void stopOnSignal(String name, CompletableFuture<Void> stopAsked) {
    try {
      Signal.handle(new Signal(name), signal -> stopAsked.complete(null));
    } catch (IllegalArgumentException unsupportedHere) {
      // this platform has no such signal
    }
  }
}
