package dev.parley.server.console;

import dev.parley.server.ParleyServer;
import java.io.BufferedReader;
import java.io.IOError;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The operator's prompt: reads lines until the input ends or the server is shut down from it, on a
 * thread of its own, and carries each out with {@link OperatorCommands}. On a terminal it edits the
 * line with JLine (history, Tab completion) and prints what the server logs above the prompt; on
 * plain input it reads one line after another.
 */
public final class OperatorConsole implements Runnable, AutoCloseable {

  static final String PROMPT = "parley> ";
  private static final String GREETING = "Operator console: /help lists the commands.";
  // how long closing waits for the line editor to take its prompt off the screen
  private static final Duration INPUT_END_TIMEOUT = Duration.ofSeconds(1);

  /** Where the lines come from: the next line, or null once the input ended. */
  private interface Lines {
    String next() throws IOException;
  }

  private final Lines lines;
  private final OperatorCommands commands;
  private final PrintWriter out;
  private final Terminal terminal;
  private final LineReader reader;
  private volatile Thread reading;
  private volatile boolean closing;
  private LogAbovePrompt log;

  /** The console on plain input, a line at a time: piped, or a test's. */
  public OperatorConsole(ParleyServer server, BufferedReader in, PrintWriter out, ZoneId zone) {
    this.lines = in::readLine;
    this.commands = new OperatorCommands(server, out, zone);
    this.out = out;
    this.terminal = null;
    this.reader = null;
  }

  private OperatorConsole(ParleyServer server, Terminal terminal, ZoneId zone) {
    this.terminal = terminal;
    // a notice or a kick reason is not shell input: quotes and backslashes mean nothing special
    var parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
    this.reader =
        LineReaderBuilder.builder()
            .terminal(terminal)
            .appName("parley-server")
            .parser(parser)
            .completer(OperatorCompleter.of(server))
            .history(new DefaultHistory())
            .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
            .option(LineReader.Option.CASE_INSENSITIVE, true)
            .build();
    this.out =
        new PrintWriter(
            new OutputStreamWriter(new LinesAbove(reader::printAbove), StandardCharsets.UTF_8),
            true);
    this.commands = new OperatorCommands(server, out, zone);
    this.lines = this::readLine;
    // Ctrl-C while no line is read (a command runs) stops the server, as it does without a console
    terminal.handle(Terminal.Signal.INT, signal -> server.shutdown());
  }

  /** The console on the process's own terminal, with JLine's line editor. */
  public static OperatorConsole onSystemTerminal(ParleyServer server, ZoneId zone)
      throws IOException {
    Terminal terminal =
        TerminalBuilder.builder().system(true).name("parley-server").dumb(true).build();
    return new OperatorConsole(server, terminal, zone);
  }

  @Override
  public void run() {
    reading = Thread.currentThread();
    out.println(GREETING);
    startLogging();
    try {
      String line;
      while ((line = lines.next()) != null) {
        if (!commands.execute(line.strip())) {
          return;
        }
      }
    } catch (IOException | IOError e) {
      if (!closing) {
        out.println("The console stopped: " + e.getMessage());
      }
    } finally {
      stopLogging();
    }
  }

  /**
   * The next line typed; null at Ctrl-D or once the console closes. Ctrl-C drops the line typed, or
   * on an empty line shuts the server down, as Ctrl-C does without a console.
   */
  private String readLine() {
    while (!closing) {
      try {
        return reader.readLine(PROMPT);
      } catch (UserInterruptException e) {
        if (!closing && e.getPartialLine().isBlank()) {
          return OperatorCommand.SHUTDOWN.word();
        }
      } catch (EndOfFileException e) {
        if (!closing) {
          out.println("The console is closed; the server runs on until Ctrl-C or SIGTERM.");
        }
        return null;
      }
    }
    return null;
  }

  /**
   * Takes the prompt off the screen and gives the terminal back as it was; the log goes to standard
   * output again. For the end of the server: the console reads no more.
   */
  @Override
  public void close() {
    closing = true;
    stopLogging();
    if (terminal == null) {
      return;
    }
    // the line editor ends the line it reads by taking it off the screen, prompt and all
    reader.setOpt(LineReader.Option.ERASE_LINE_ON_FINISH);
    Thread thread = reading;
    long deadline = System.nanoTime() + INPUT_END_TIMEOUT.toNanos();
    // an interrupt ends the line being read as Ctrl-C does; one that comes as a line begins is lost
    while (thread != null && thread.isAlive() && System.nanoTime() < deadline) {
      thread.interrupt();
      try {
        thread.join(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      }
    }
    try {
      terminal.close();
    } catch (IOException e) {
      // the server ends either way
    }
  }

  private synchronized void startLogging() {
    if (reader != null && !closing) {
      log = LogAbovePrompt.route(reader::printAbove);
    }
  }

  private synchronized void stopLogging() {
    if (log != null) {
      log.close();
      log = null;
    }
  }
}
