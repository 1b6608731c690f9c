package dev.parley.client.terminal;

import dev.parley.client.command.CommandParser;
import dev.parley.client.command.ParsedLine;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.window.Conversation;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.io.IOError;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * The console on a terminal: what arrives is printed above the prompt, in its window ({@link
 * WindowScreen}), so typing is never disturbed; what is typed ({@link QuestionLine}) is chat, a
 * command, or the answer to what the session asks before it can go on: another nick, a password, or
 * whether to try a locked-out nick again.
 */
public final class InteractiveConsole implements Console {

  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(2);

  private final Terminal terminal;
  private final QuestionLine questions;
  private final ChatLineReader reader;
  private final WindowScreen screen;
  private final FrameRenderer renderer;
  private final Duration answerTimeout;
  private final SeenNames names = new SeenNames();
  private final RegisterDialogue registration;
  // a Tab must not wait for the server long
  private final ServerRooms serverRooms;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile String nick;
  private volatile String loginNick;
  // when the lockout of loginNick is over; null when it is not locked out
  private volatile Instant lockedUntil;
  // the nick whose password hint was shown: it is not repeated on every try
  private volatile String passwordHinted;
  // Ctrl-C on an empty line was pressed once: the next one leaves
  private boolean quitAsked;
  private volatile ClientEvent.PromptChanged lastPrompt;
  // set once run begins: a switch to a room's window makes it the current room
  private volatile ActorRef<Connection.Command> connection;

  /** {@code colours}: false to print plain text even where the terminal has colours. */
  public InteractiveConsole(
      Terminal terminal, ConsoleSettings settings, FrameRenderer renderer, boolean colours) {
    this.terminal = terminal;
    this.renderer = renderer;
    this.answerTimeout = settings.answerTimeout();
    this.serverRooms = new ServerRooms(names, COMPLETION_TIMEOUT);
    this.registration =
        new RegisterDialogue(renderer, answerTimeout, this::askPassword, this::print, exit::isDone);
    var completer = new ChatCompleter(names, () -> nick, serverRooms);
    this.questions = new QuestionLine(terminal, settings, completer, exit::isDone);
    this.reader = questions.reader();
    this.screen =
        new WindowScreen(
            terminal, reader, renderer, settings, colours, questions.dumb(), this::windowSwitched);
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
    screen.show(frame, nick);
  }

  @Override
  public void onEvent(ClientEvent event) {
    if (event instanceof ClientEvent.PromptChanged changed) {
      nick = changed.nick();
      names.joined(changed.rooms(), changed.room());
      lastPrompt = changed;
      screen.promptChanged(changed);
      questions.chatPrompt(screen.prompt(changed));
    } else if (event instanceof ClientEvent.NickRefused refused) {
      print(renderer.render(refused));
      askForNick();
    } else if (event instanceof ClientEvent.PasswordWanted wanted) {
      print(renderer.render(wanted));
      loginNick = wanted.nick();
      Long wait = wanted.error().retryAfterS();
      if (wanted.error().code() == ErrorCode.LOCKED_OUT || wait != null) {
        lockedUntil = Instant.now().plusSeconds(wait == null ? 0 : wait);
        askToRetry(
            "press Enter to try "
                + wanted.nick()
                + " again once the wait is over, or type another nick (Ctrl-D leaves)");
      } else {
        lockedUntil = null;
        askForPassword();
      }
    } else if (event instanceof ClientEvent.Closed closed) {
      exit.complete(closed.exitStatus());
    } else {
      screen.show(event);
    }
  }

  @Override
  public int run(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    this.connection = connection;
    serverRooms.fetchThrough(connection, system);
    var clock = screen.keepTheTime(system);
    var input = new Thread(() -> readLines(connection, system), "parley-input");
    input.setDaemon(true);
    input.start();
    // a connection that failed tells nobody: its actor system just ends
    system
        .getWhenTerminated()
        .thenRun(
            () -> {
              if (!exit.isDone()) {
                print(List.of(renderer.stoppedByAFailure()));
                exit.complete(Connection.EXIT_ERROR);
              }
            });
    int status = exit.join();
    clock.cancel();
    questions.endTheLineBeingRead(input);
    screen.close();
    reader.clearTheLineOfTheCursor();
    try {
      reader.getHistory().save();
      terminal.close();
    } catch (IOException e) {
      // the session is over either way
    }
    return status;
  }

  private void readLines(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    while (true) {
      QuestionLine.Read read;
      try {
        read = questions.readLine(null);
      } catch (UserInterruptException e) {
        // Ctrl-C clears what was typed; on an empty line it asks, and a second one leaves
        if (!e.getPartialLine().isEmpty()) {
          quitAsked = false;
        } else if (quitAsked) {
          connection.tell(new Connection.Close(null, Connection.EXIT_OK));
          return;
        } else {
          quitAsked = true;
          print(List.of(renderer.info(null, "press Ctrl-C again to quit (or type /quit)")));
        }
        continue;
      } catch (EndOfFileException e) {
        connection.tell(new Connection.Close(null, Connection.EXIT_OK));
        return;
      } catch (IOError | IllegalStateException e) {
        // the terminal was closed under the reader
        return;
      }
      if (read == QuestionLine.Over.INSTANCE) {
        return;
      }
      if (read instanceof QuestionLine.Answer answer) {
        quitAsked = false;
        switch (answer.question()) {
          case NICK -> chooseNick(connection, answer.text().strip());
          case LOGIN_PASSWORD -> givePassword(connection, answer.text());
          case RETRY -> retry(connection, answer.text().strip());
          default -> chat(connection, system, answer.text());
        }
      }
    }
  }

  private void chat(ActorRef<Connection.Command> connection, ActorSystem<?> system, String line) {
    ParsedLine parsed = CommandParser.parse(line);
    if (parsed instanceof ParsedLine.Rejected rejected) {
      print(List.of(renderer.problem(rejected.hint())));
    } else if (parsed instanceof ParsedLine.Ready ready) {
      UserCommand command = ready.command();
      if (command == UserCommand.Help.INSTANCE) {
        print(renderer.help());
      } else if (screen.answers(command)) {
        // a window to switch to, or the windows to list
      } else if (command instanceof UserCommand.Register) {
        registration.register(nick, connection, system);
      } else {
        submit(connection, system, screen.addressed(command), line);
      }
    }
  }

  /** The current window changed: plain text goes to it now, as the prompt tells. */
  private void windowSwitched() {
    if (screen.current() instanceof Conversation.Room room && connection != null) {
      connection.tell(new Connection.SwitchRoom(room.name()));
    }
    if (lastPrompt != null) {
      questions.chatPrompt(screen.prompt(lastPrompt));
    }
  }

  private void submit(
      ActorRef<Connection.Command> connection,
      ActorSystem<?> system,
      UserCommand command,
      String typed) {
    AskPattern.<Connection.Command, Connection.Outcome>ask(
            connection,
            replyTo -> new Connection.Submit(command, replyTo),
            answerTimeout,
            system.scheduler())
        .thenAccept(
            outcome -> {
              if (outcome == Connection.TryAgain.INSTANCE) {
                questions.giveBack(typed);
              }
            });
  }

  private void chooseNick(ActorRef<Connection.Command> connection, String candidate) {
    if (!ProtocolRules.isValidNick(candidate)) {
      print(List.of(renderer.problem(CommandParser.notANick(candidate))));
      return;
    }
    questions.backToChat();
    connection.tell(new Connection.TryNick(candidate));
  }

  private void givePassword(ActorRef<Connection.Command> connection, String password) {
    if (password.isEmpty()) {
      askForNick();
      return;
    }
    questions.backToChat();
    connection.tell(new Connection.TryPassword(password));
  }

  private void retry(ActorRef<Connection.Command> connection, String candidate) {
    if (!candidate.isEmpty()) {
      chooseNick(connection, candidate);
      return;
    }
    Instant until = lockedUntil;
    Instant now = Instant.now();
    if (until != null && now.isBefore(until)) {
      long left = (Duration.between(now, until).toMillis() + 999) / 1000;
      askToRetry(loginNick + " is locked for " + left + " s more: press Enter then");
    } else {
      lockedUntil = null;
      askForPassword();
    }
  }

  /** Asks {@code question} at {@code prompt}, after the hint, if any. */
  private void ask(QuestionLine.Asking question, String hint, String prompt) {
    questions.ask(question, prompt);
    if (hint != null) {
      print(List.of(renderer.info(null, hint)));
    }
  }

  private void askToRetry(String hint) {
    ask(QuestionLine.Asking.RETRY, hint, "nick [" + loginNick + "]: ");
  }

  private void askForNick() {
    ask(QuestionLine.Asking.NICK, "type another nick (or press Ctrl-D to leave)", "nick: ");
  }

  private void askForPassword() {
    String nickAsked = loginNick;
    boolean hinted = nickAsked != null && nickAsked.equals(passwordHinted);
    passwordHinted = nickAsked;
    ask(
        QuestionLine.Asking.LOGIN_PASSWORD,
        hinted
            ? null
            : "type the password of "
                + nickAsked
                + " (it shows as *), or just Enter to pick another nick",
        "password for " + nickAsked + ": ");
  }

  /**
   * Asks for a password at the terminal, masked and kept out of the history; null when the user
   * gives none (Ctrl-C, Ctrl-D), or the session asks something else meanwhile. For before the
   * session starts, or for the input thread itself.
   */
  public String askPassword(String question) {
    return questions.askPassword(question);
  }

  private void print(List<AttributedString> lines) {
    screen.print(lines);
  }
}
