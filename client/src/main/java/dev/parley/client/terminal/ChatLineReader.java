package dev.parley.client.terminal;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.reader.impl.history.DefaultHistory;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The line editor, whose own lock also keeps a window being drawn from crossing a line printed
 * above the prompt or a key being handled: the windows live under that one lock.
 */
final class ChatLineReader extends LineReaderImpl {

  private ChatLineReader(Terminal terminal, Map<String, Object> variables) {
    super(terminal, "parley", variables);
  }

  /**
   * The line editor for chat on {@code terminal}, with its history kept as {@code settings} say;
   * what {@code masking} keeps out of the history stays out of it.
   */
  static ChatLineReader create(
      Terminal terminal, ConsoleSettings settings, Completer completer, SecretMasking masking) {
    var reader =
        new ChatLineReader(
            terminal,
            Map.of(
                LineReader.HISTORY_FILE, settings.historyFile(),
                LineReader.HISTORY_SIZE, settings.historySize(),
                LineReader.HISTORY_FILE_SIZE, settings.historySize()));
    // chat text is not shell input: quotes, backslashes and ! mean nothing special
    var parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
    parser.setEofOnUnclosedQuote(false);
    reader.setParser(parser);
    reader.setCompleter(completer);
    // where no line is masked too
    reader.setHistory(
        new DefaultHistory() {
          @Override
          public void add(Instant time, String line) {
            String kept = masking.history(line);
            if (kept != null) {
              super.add(time, kept);
            }
          }
        });
    reader.option(LineReader.Option.DISABLE_EVENT_EXPANSION, true);
    reader.option(LineReader.Option.CASE_INSENSITIVE, true);
    // "d" must not complete to "lobby"
    reader.option(LineReader.Option.COMPLETE_MATCHER_TYPO, false);
    // the server's echo of a message replaces the typed line
    reader.option(LineReader.Option.ERASE_LINE_ON_FINISH, true);
    return reader;
  }

  /**
   * Clears what is left on the cursor's line, a prompt drawn again while the session ended among
   * them, so that what the shell shows next starts on a clear line.
   */
  void clearTheLineOfTheCursor() {
    var writer = terminal.writer();
    writer.print('\r');
    if (!terminal.puts(InfoCmp.Capability.clr_eol)) {
      writer.print(" ".repeat(Math.max(0, terminal.getWidth() - 1)));
      writer.print('\r');
    }
    terminal.flush();
  }

  /** Runs {@code action} holding the line editor's lock, as its widgets and printing do. */
  void exclusively(Runnable action) {
    lock.lock();
    try {
      action.run();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Clears the screen and shows {@code lines} from its top, {@code status} at its bottom and the
   * line being typed, if any, under the lines. Holding the lock.
   */
  void redrawScreen(List<AttributedString> lines, List<AttributedString> status) {
    terminal.puts(InfoCmp.Capability.clear_screen);
    Status bar = Status.getStatus(terminal);
    if (bar != null) {
      // the screen is blank: the bar takes its rows again from the bottom
      bar.reset();
      bar.update(status, false);
    }
    for (AttributedString line : lines) {
      terminal.writer().println(line.toAnsi(terminal));
    }
    if (reading) {
      redrawLine();
      redisplay();
    }
    terminal.flush();
  }
}
