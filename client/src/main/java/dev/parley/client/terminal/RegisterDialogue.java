package dev.parley.client.terminal;

import dev.parley.client.command.CommandParser;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.Connection;
import dev.parley.client.render.FrameRenderer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.jline.utils.AttributedString;

/**
 * What {@code /register} asks at the terminal: nothing when the nick is an account already; else a
 * new password twice, masked, and only a password long enough and typed the same twice is sent.
 * Runs on the input thread, which the questions hold until they are answered.
 */
final class RegisterDialogue {

  private final FrameRenderer renderer;
  private final Duration answerTimeout;
  // asks a masked question; null when no answer comes (Ctrl-C, Ctrl-D, another question)
  private final UnaryOperator<String> askPassword;
  private final Consumer<List<AttributedString>> print;
  // the session ended while a question was asked
  private final BooleanSupplier over;

  RegisterDialogue(
      FrameRenderer renderer,
      Duration answerTimeout,
      UnaryOperator<String> askPassword,
      Consumer<List<AttributedString>> print,
      BooleanSupplier over) {
    this.renderer = renderer;
    this.answerTimeout = answerTimeout;
    this.askPassword = askPassword;
    this.print = print;
    this.over = over;
  }

  /** Registers {@code nick} (null before the welcome) through {@code connection}. */
  void register(String nick, ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    String who = nick == null ? "your nick" : nick;
    if (isAccount(connection, system)) {
      print.accept(List.of(renderer.problem(who + " is already registered: nothing to do")));
      return;
    }
    String password = askPassword.apply("new password for " + who + ": ");
    if (over.getAsBoolean()) {
      return;
    }
    if (password == null || password.isEmpty()) {
      print.accept(List.of(renderer.info(null, "not registered: no password given")));
      return;
    }
    var problem = CommandParser.passwordProblem(password);
    if (problem.isPresent()) {
      refused(problem.get());
      return;
    }
    String again = askPassword.apply("the same password again: ");
    if (over.getAsBoolean()) {
      return;
    }
    if (!password.equals(again)) {
      refused("the two passwords differ");
      return;
    }
    connection.tell(new Connection.Submit(new UserCommand.Register(password), system.ignoreRef()));
  }

  private void refused(String why) {
    print.accept(List.of(renderer.problem(why + "; not registered, nothing sent")));
  }

  private boolean isAccount(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    try {
      return AskPattern.<Connection.Command, Boolean>ask(
              connection, Connection.IsAccount::new, answerTimeout, system.scheduler())
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      // no answer: the server says so itself when the nick is an account
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
