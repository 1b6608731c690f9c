package dev.parley.client.terminal;

import java.io.IOError;
import java.time.Duration;
import java.util.Deque;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.MaskingCallback;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;

/**
 * The input line and what it answers: chat, or a question the session asks before it can go on
 * (another nick, a password). A password is masked, kept out of the input history, and Tab does not
 * complete it. A chat line half typed when a question comes is set aside, and is back on the input
 * line once the question is answered; so is a line given back because it could not be sent.
 */
final class QuestionLine {

  /** What a line typed answers. */
  enum Asking {
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
  sealed interface Read {}

  /** {@code text} answers {@code question}: what was asked when the line was begun. */
  record Answer(Asking question, String text) implements Read {}

  /** Another question was asked before Enter: the line typed so far does not answer it. */
  enum Withdrawn implements Read {
    INSTANCE
  }

  enum Over implements Read {
    INSTANCE
  }

  // how long the line editor may take to end a line: to ask something else, or at the end
  private static final Duration INPUT_END_TIMEOUT = Duration.ofSeconds(1);
  private static final String REFRESH_CHAT_LINE = "parley-refresh-chat-line";

  private final ChatLineReader reader;
  // the session is over: no line is read any more
  private final BooleanSupplier over;
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
  private volatile String chatPrompt = "> ";
  private final SecretMasking masking = new SecretMasking(() -> isSecret(lineAsking));
  // a terminal that echoes what is typed itself, and that the line editor masks with a thread
  // of its own which writes the prompt over the line every 3 ms (and once more after it ended)
  private final boolean dumb;

  QuestionLine(
      Terminal terminal, ConsoleSettings settings, Completer completer, BooleanSupplier over) {
    this.over = over;
    this.dumb =
        Terminal.TYPE_DUMB.equals(terminal.getType())
            || Terminal.TYPE_DUMB_COLOR.equals(terminal.getType());
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

  ChatLineReader reader() {
    return reader;
  }

  /** Whether the terminal is a dumb one, with no cursor movement and no status line. */
  boolean dumb() {
    return dumb;
  }

  /** The prompt of chat lines from now on; the line being typed shows it at once. */
  void chatPrompt(String prompt) {
    chatPrompt = prompt;
    refreshChatLine();
  }

  /**
   * The next line typed, with what it answers; {@code expected}: the one question it may answer, or
   * null for whatever is asked. Ctrl-C and Ctrl-D come as the line editor's exceptions.
   */
  Read readLine(Asking expected) {
    Asking question;
    String linePrompt;
    synchronized (this) {
      if (over.getAsBoolean()) {
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
        if (over.getAsBoolean()) {
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
      if (over.getAsBoolean()) {
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

  /**
   * Asks for a password at the terminal, masked and kept out of the history; null when the user
   * gives none (Ctrl-C, Ctrl-D), or the session asks something else meanwhile. For before the
   * session starts, or for the input thread itself.
   */
  String askPassword(String question) {
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

  /**
   * What is typed from now on answers {@code question}, at {@code prompt}. A line being typed for
   * something else ends, and what it held, when chat, is set aside; once this returns, what is
   * typed goes to the new question.
   */
  void ask(Asking question, String prompt) {
    synchronized (this) {
      asking = question;
      questionPrompt = prompt;
      if (readingThread != null && lineAsking != question) {
        withdrawing = true;
        readingThread.interrupt();
        // what is typed from now on must not go to the line that ends
        awaitWithdrawal();
      }
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

  synchronized void backToChat() {
    asking = Asking.CHAT;
  }

  /** Puts a line that was not sent back on the input line, or on the next chat line. */
  void giveBack(String typed) {
    setAside.addLast(typed);
    refreshChatLine();
  }

  /**
   * Interrupts the line being read, as Ctrl-C does: the line editor takes the prompt off the screen
   * and gives the terminal back as it found it, before the terminal is closed.
   */
  void endTheLineBeingRead(Thread input) {
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
}
