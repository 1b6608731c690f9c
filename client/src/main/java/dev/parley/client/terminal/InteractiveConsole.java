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
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import org.jline.utils.AttributedString;

/**
 * The console on a terminal: a JLine line editor with history kept across runs and Tab completion;
 * what arrives is printed above the prompt, in its window ({@link WindowScreen}), so typing is
 * never disturbed. When the session needs an answer before it can go on (another nick, a password)
 * the prompt asks for it; a password is masked, kept out of the input history, and Tab does not
 * complete it. A chat line half typed when such a question comes is set aside, and is back on the
 * input line once the question is answered; so is a line that could not be sent because the client
 * was not connected.
 */
public final class InteractiveConsole implements Console {

  /** What a line typed answers. */
  private enum Asking {
    CHAT(false),
    NICK(false),
    LOGIN_PASSWORD(true),
    // locked out: Enter tries the same nick again
    RETRY(false),
    NEW_PASSWORD(true);

    private final boolean secret;

    Asking(boolean secret) {
      this.secret = secret;
    }
  }

  /** What reading one line gave. */
  private sealed interface Read {}

  /** {@code text} answers {@code question}: what was asked when the line was begun. */
  private record Answer(Asking question, String text) implements Read {}

  /** Another question was asked before Enter: the line typed so far does not answer it. */
  private enum Withdrawn implements Read {
    INSTANCE
  }

  private enum Over implements Read {
    INSTANCE
  }

  // how long the line editor may take to end a line: to ask something else, or at the end
  private static final Duration INPUT_END_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration COMPLETION_TIMEOUT = Duration.ofSeconds(2);
  private static final String REFRESH_CHAT_LINE = "parley-refresh-chat-line";

  private final Terminal terminal;
  private final ChatLineReader reader;
  private final WindowScreen screen;
  private final FrameRenderer renderer;
  private final Duration answerTimeout;
  private final SeenNames names = new SeenNames();
  private final RegisterDialogue registration;
  // a Tab must not wait for the server long
  private final ServerRooms serverRooms;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  // what is asked now, and its prompt when it is not chat; guarded by this
  private Asking asking = Asking.CHAT;
  private String questionPrompt;
  // the line being read: what it answers and the thread reading it, null between lines; written
  // under this, read also by the line editor's callbacks
  private volatile Asking lineAsking;
  private Thread readingThread;
  // the line being read is to end because another question was asked; guarded by this
  private boolean withdrawing;
  // chat text put aside while a question is answered, or not sent, for the next chat line
  private final Deque<String> setAside = new ConcurrentLinkedDeque<>();
  private volatile String nick;
  private volatile String loginNick;
  private volatile String chatPrompt = "> ";
  // when the lockout of loginNick is over; null when it is not locked out
  private volatile Instant lockedUntil;
  // the nick whose password hint was shown: it is not repeated on every try
  private volatile String passwordHinted;
  // Ctrl-C on an empty line was pressed once: the next one leaves
  private boolean quitAsked;
  private volatile ClientEvent.PromptChanged lastPrompt;
  // set once run begins: a switch to a room's window makes it the current room
  private volatile ActorRef<Connection.Command> connection;
  private final SecretMasking masking = new SecretMasking(() -> isSecret(lineAsking));
  // a terminal that echoes what is typed itself, and that the line editor masks with a thread
  // of its own which writes the prompt over the line every 3 ms (and once more after it ended)
  private final boolean dumb;

  /** {@code colours}: false to print plain text even where the terminal has colours. */
  public InteractiveConsole(
      Terminal terminal, ConsoleSettings settings, FrameRenderer renderer, boolean colours) {
    this.terminal = terminal;
    this.renderer = renderer;
    this.answerTimeout = settings.answerTimeout();
    this.serverRooms = new ServerRooms(names, COMPLETION_TIMEOUT);
    this.registration =
        new RegisterDialogue(renderer, answerTimeout, this::askPassword, this::print, exit::isDone);
    this.dumb =
        Terminal.TYPE_DUMB.equals(terminal.getType())
            || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
    var completer = new ChatCompleter(names, () -> nick, serverRooms);
    this.reader =
        ChatLineReader.create(
            terminal,
            settings,
            (reader, line, candidates) -> {
              if (!isSecret(lineAsking)) {
                completer.complete(reader, line, candidates);
              }
            },
            masking);
    this.screen =
        new WindowScreen(terminal, reader, renderer, settings, colours, dumb, this::windowSwitched);
    // both run under the line editor's lock, so they never cross a line being begun or ended
    reader.getWidgets().put(LineReader.CALLBACK_INIT, this::beginLine);
    reader
        .getWidgets()
        .put(
            REFRESH_CHAT_LINE,
            () -> {
              beginLine();
              return reader.redisplay();
            });
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
      chatPrompt = screen.prompt(changed);
      refreshChatLine();
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
    endTheLineBeingRead(input);
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

  /**
   * Interrupts the line being read, as Ctrl-C does: the line editor takes the prompt off the screen
   * and gives the terminal back as it found it, before the terminal is closed.
   */
  private void endTheLineBeingRead(Thread input) {
    long deadline = System.nanoTime() + INPUT_END_TIMEOUT.toNanos();
    // an interrupt that comes while the line editor sets a line up may go unseen: it is repeated
    while (input.isAlive() && System.nanoTime() < deadline) {
      synchronized (this) {
        if (readingThread != null) {
          readingThread.interrupt();
        }
      }
      try {
        input.join(20);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /**
   * The next line typed, with what it answers; {@code expected}: the one question it may answer, or
   * null for whatever is asked. Ctrl-C and Ctrl-D come as the line editor's exceptions.
   */
  private Read readLine(Asking expected) {
    Asking question;
    String linePrompt;
    synchronized (this) {
      if (exit.isDone()) {
        return Over.INSTANCE;
      }
      if (expected != null && asking != expected) {
        return Withdrawn.INSTANCE;
      }
      question = asking;
      linePrompt = question == Asking.CHAT ? chatPrompt : questionPrompt;
      lineAsking = question;
      readingThread = Thread.currentThread();
    }
    try {
      return new Answer(question, reader.readLine(linePrompt, null, maskingOf(question), null));
    } catch (UserInterruptException e) {
      synchronized (this) {
        if (exit.isDone()) {
          return Over.INSTANCE;
        }
        if (withdrawing) {
          withdrawing = false;
          notifyAll();
          // an interrupt that came after Enter would end the next line instead
          Thread.interrupted();
          if (question == Asking.CHAT && !e.getPartialLine().isEmpty()) {
            setAside.addFirst(e.getPartialLine());
          }
          return Withdrawn.INSTANCE;
        }
      }
      throw e;
    } catch (EndOfFileException | IOError | IllegalStateException e) {
      if (exit.isDone()) {
        return Over.INSTANCE;
      }
      throw e;
    } finally {
      synchronized (this) {
        lineAsking = null;
        readingThread = null;
      }
    }
  }

  private void readLines(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    while (true) {
      Read read;
      try {
        read = readLine(null);
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
      if (read == Over.INSTANCE) {
        return;
      }
      if (read instanceof Answer answer) {
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

  /**
   * Asks for a password at the terminal, masked and kept out of the history; null when the user
   * gives none (Ctrl-C, Ctrl-D), or the session asks something else meanwhile. For before the
   * session starts, or for the input thread itself.
   */
  public String askPassword(String question) {
    synchronized (this) {
      asking = Asking.NEW_PASSWORD;
      questionPrompt = question;
    }
    try {
      return readLine(Asking.NEW_PASSWORD) instanceof Answer answer ? answer.text() : null;
    } catch (UserInterruptException | EndOfFileException e) {
      return null;
    } finally {
      synchronized (this) {
        if (asking == Asking.NEW_PASSWORD) {
          asking = Asking.CHAT;
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
      chatPrompt = screen.prompt(lastPrompt);
      refreshChatLine();
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
                giveBack(typed);
              }
            });
  }

  /** Puts a line that was not sent back on the input line, or on the next chat line. */
  private void giveBack(String typed) {
    setAside.addLast(typed);
    refreshChatLine();
  }

  private void chooseNick(ActorRef<Connection.Command> connection, String candidate) {
    if (!ProtocolRules.isValidNick(candidate)) {
      print(List.of(renderer.problem(CommandParser.notANick(candidate))));
      return;
    }
    backToChat();
    connection.tell(new Connection.TryNick(candidate));
  }

  private void givePassword(ActorRef<Connection.Command> connection, String password) {
    if (password.isEmpty()) {
      askForNick();
      return;
    }
    backToChat();
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

  private void askToRetry(String hint) {
    ask(Asking.RETRY, hint, "nick [" + loginNick + "]: ");
  }

  private void askForNick() {
    ask(Asking.NICK, "type another nick (or press Ctrl-D to leave)", "nick: ");
  }

  private void askForPassword() {
    String nickAsked = loginNick;
    boolean hinted = nickAsked != null && nickAsked.equals(passwordHinted);
    passwordHinted = nickAsked;
    ask(
        Asking.LOGIN_PASSWORD,
        hinted
            ? null
            : "type the password of "
                + nickAsked
                + " (it shows as *), or just Enter to pick another nick",
        "password for " + nickAsked + ": ");
  }

  /**
   * What is typed from now on answers {@code question}; the hint, if any, shows before the prompt.
   * A line being typed for something else ends, and what it held, when chat, is set aside.
   */
  private void ask(Asking question, String hint, String prompt) {
    synchronized (this) {
      asking = question;
      questionPrompt = prompt;
      if (readingThread != null && lineAsking != question) {
        withdrawing = true;
        readingThread.interrupt();
        // what is typed once the hint shows must not go to the line that ends
        awaitWithdrawal();
      }
    }
    if (hint != null) {
      print(List.of(renderer.info(null, hint)));
    }
  }

  // holding this
  private void awaitWithdrawal() {
    long deadline = System.nanoTime() + INPUT_END_TIMEOUT.toNanos();
    try {
      for (long left = INPUT_END_TIMEOUT.toNanos();
          withdrawing && left > 0;
          left = deadline - System.nanoTime()) {
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void backToChat() {
    asking = Asking.CHAT;
  }

  /**
   * The line editor begins a line, or a chat line is refreshed: a chat line shows the current chat
   * prompt and, when nothing is typed on it yet, the text set aside.
   */
  private boolean beginLine() {
    if (lineAsking == Asking.CHAT) {
      reader.setPrompt(chatPrompt);
      if (reader.getBuffer().length() == 0 && !setAside.isEmpty()) {
        reader.getBuffer().write(setAside.poll());
      }
    }
    return true;
  }

  private void refreshChatLine() {
    try {
      reader.callWidget(REFRESH_CHAT_LINE);
    } catch (IllegalStateException e) {
      // no line is being read: the next one begins with all that
    }
  }

  /**
   * How the line editor masks a line asking {@code question}: on a dumb terminal only a secret is
   * masked, since its masking there hides all that is typed, and writes over the screen after the
   * line ended.
   */
  private MaskingCallback maskingOf(Asking question) {
    return dumb && !isSecret(question) ? null : masking;
  }

  private static boolean isSecret(Asking question) {
    return question != null && question.secret;
  }

  private void print(List<AttributedString> lines) {
    screen.print(lines);
  }
}
