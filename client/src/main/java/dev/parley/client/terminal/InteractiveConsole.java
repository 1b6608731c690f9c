package dev.parley.client.terminal;

import dev.parley.client.command.CommandParser;
import dev.parley.client.command.ParsedLine;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.io.IOError;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.DefaultParser;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * The console on a terminal: a JLine line editor with history kept across runs and Tab completion;
 * what arrives is printed above the prompt, so typing is never disturbed.
 */
public final class InteractiveConsole implements Console {

  private final Terminal terminal;
  private final LineReaderImpl reader;
  private final FrameRenderer renderer;
  private final boolean colours;
  private final SeenNames names = new SeenNames();
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile String nick;
  private volatile String prompt = "> ";
  private volatile String chatPrompt = "> ";
  private volatile boolean choosingNick;

  /** {@code colours}: false to print plain text even where the terminal has colours. */
  public InteractiveConsole(
      Terminal terminal, ConsoleSettings settings, FrameRenderer renderer, boolean colours) {
    this.terminal = terminal;
    this.renderer = renderer;
    this.colours = colours;
    // chat text is not shell input: quotes, backslashes and ! mean nothing special
    var parser = new DefaultParser().quoteChars(new char[0]).escapeChars(new char[0]);
    parser.setEofOnUnclosedQuote(false);
    this.reader =
        (LineReaderImpl)
            LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("parley")
                .parser(parser)
                .completer(new ChatCompleter(names, () -> nick))
                .variable(LineReader.HISTORY_FILE, settings.historyFile())
                .variable(LineReader.HISTORY_SIZE, settings.historySize())
                .variable(LineReader.HISTORY_FILE_SIZE, settings.historySize())
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.CASE_INSENSITIVE, true)
                // "d" must not complete to "lobby"
                .option(LineReader.Option.COMPLETE_MATCHER_TYPO, false)
                // the server's echo of a message replaces the typed line
                .option(LineReader.Option.ERASE_LINE_ON_FINISH, true)
                .build();
  }

  /** The console on the process's own terminal. */
  public static InteractiveConsole onSystemTerminal(
      ConsoleSettings settings, FrameRenderer renderer, boolean colours) throws IOException {
    Terminal terminal = TerminalBuilder.builder().system(true).name("parley").dumb(true).build();
    return new InteractiveConsole(terminal, settings, renderer, colours);
  }

  @Override
  public void onFrame(ServerFrame frame) {
    names.note(frame);
    print(renderer.render(frame, nick));
  }

  @Override
  public void onEvent(ClientEvent event) {
    if (event instanceof ClientEvent.PromptChanged changed) {
      nick = changed.nick();
      chatPrompt = promptFor(changed);
      if (!choosingNick) {
        showPrompt(chatPrompt);
      }
    } else if (event instanceof ClientEvent.NickRefused refused) {
      print(renderer.render(refused));
      print(List.of(renderer.info(null, "type another nick (or press Ctrl-D to leave)")));
      choosingNick = true;
      showPrompt("nick: ");
    } else if (event instanceof ClientEvent.Closed closed) {
      exit.complete(closed.exitStatus());
    } else {
      print(renderer.render(event));
    }
  }

  @Override
  public int run(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    Thread input = new Thread(() -> readLines(connection, system), "parley-input");
    input.setDaemon(true);
    input.start();
    int status = exit.join();
    try {
      reader.getHistory().save();
      terminal.close();
    } catch (IOException e) {
      // the session is over either way
    }
    return status;
  }

  private void readLines(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    while (!exit.isDone()) {
      String line;
      try {
        line = reader.readLine(prompt);
      } catch (UserInterruptException e) {
        // Ctrl-C clears what was typed; on an empty line it leaves
        if (e.getPartialLine().isEmpty()) {
          connection.tell(new Connection.Close(null, Connection.EXIT_OK));
          return;
        }
        continue;
      } catch (EndOfFileException e) {
        connection.tell(new Connection.Close(null, Connection.EXIT_OK));
        return;
      } catch (IOError | IllegalStateException e) {
        // the terminal was closed under the reader
        return;
      }
      if (choosingNick) {
        chooseNick(connection, line.strip());
        continue;
      }
      ParsedLine parsed = CommandParser.parse(line);
      if (parsed instanceof ParsedLine.Rejected rejected) {
        print(List.of(renderer.problem(rejected.hint())));
      } else if (parsed instanceof ParsedLine.Ready ready) {
        if (ready.command() == UserCommand.Help.INSTANCE) {
          print(renderer.help());
        } else {
          connection.tell(new Connection.Submit(ready.command(), system.ignoreRef()));
        }
      }
    }
  }

  private void chooseNick(ActorRef<Connection.Command> connection, String candidate) {
    if (!ProtocolRules.isValidNick(candidate)) {
      print(
          List.of(
              renderer.problem(
                  "'"
                      + candidate
                      + "' is not a nick: 1 to 16 letters, digits or _-[]{}\\^|, not starting"
                      + " with a digit or -")));
      return;
    }
    choosingNick = false;
    prompt = chatPrompt;
    connection.tell(new Connection.TryNick(candidate));
  }

  private void showPrompt(String newPrompt) {
    prompt = newPrompt;
    reader.setPrompt(newPrompt);
    if (reader.isReading()) {
      try {
        reader.callWidget(LineReader.REDISPLAY);
      } catch (IllegalStateException e) {
        // the reader finished the line meanwhile; the next readLine shows the new prompt
      }
    }
  }

  private void print(List<AttributedString> lines) {
    for (AttributedString line : lines) {
      reader.printAbove(colours ? line : new AttributedString(line.toString()));
    }
    terminal.flush();
  }

  private static String promptFor(ClientEvent.PromptChanged changed) {
    String who = changed.nick() == null ? "" : changed.nick();
    String where = changed.room() == null ? "" : "@" + changed.room();
    String offline = changed.online() ? "" : " (offline)";
    return who + where + offline + "> ";
  }
}
