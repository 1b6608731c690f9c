package dev.parley.client.terminal;

import dev.parley.client.command.CommandParser;
import dev.parley.client.command.ParsedLine;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.jline.utils.AttributedString;

/**
 * The console when stdin is not a terminal: it reads lines with no line editor and prints plain
 * lines. Each line waits for the server's answer to the previous one, so a script reads like a
 * conversation: {@code /join dev} then {@code hello} says hello in dev. The reason for a non-zero
 * exit also goes to {@code err}. A script has no one to ask for a password: {@code /register} takes
 * the one the client was given (from the environment or a file), as the login does.
 */
public final class ScriptConsole implements Console {

  // a transfer ends by itself: each of its requests has a timeout, and its tries are counted
  private static final Duration TRANSFER_WAIT = Duration.ofDays(1);

  private final BufferedReader input;
  private final PrintStream out;
  private final PrintStream err;
  private final FrameRenderer renderer;
  private final Duration answerTimeout;
  private final String password;
  private final CompletableFuture<Integer> exit = new CompletableFuture<>();
  private volatile String nick;

  /** {@code password}: the password the client was given, for {@code /register}; may be null. */
  public ScriptConsole(
      InputStream in,
      PrintStream out,
      PrintStream err,
      FrameRenderer renderer,
      ConsoleSettings settings,
      String password) {
    this.password = password;
    this.input = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    this.out = out;
    this.err = err;
    this.renderer = renderer;
    this.answerTimeout = settings.answerTimeout();
  }

  @Override
  public void onFrame(ServerFrame frame) {
    print(renderer.render(frame, nick));
  }

  @Override
  public void onEvent(ClientEvent event) {
    if (event instanceof ClientEvent.PromptChanged prompt) {
      nick = prompt.nick();
    } else if (event instanceof ClientEvent.NickRefused refused) {
      giveUp(renderer.render(refused).get(0));
    } else if (event instanceof ClientEvent.PasswordWanted wanted) {
      giveUp(
          wanted.passwordTried()
              ? renderer.render(wanted).get(0)
              : renderer.problem(
                  wanted.error().message()
                      + ": a script gives it in the PARLEY_PASSWORD variable or with"
                      + " --password-file"));
    } else if (event instanceof ClientEvent.CertificateRefused refused) {
      giveUp(renderer.render(refused).get(0));
    } else if (event instanceof ClientEvent.ConnectFailed failed && !failed.everConnected()) {
      giveUp(
          renderer.problem(
              "cannot reach " + failed.host() + ":" + failed.port() + ": " + failed.reason()));
    } else if (event instanceof ClientEvent.Closed closed) {
      exit.complete(closed.exitStatus());
    } else {
      print(renderer.render(event));
    }
  }

  @Override
  public int run(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    Thread reader = new Thread(() -> readLines(connection, system), "parley-script-input");
    reader.setDaemon(true);
    reader.start();
    // a connection that failed tells nobody: its actor system just ends
    system.getWhenTerminated().thenRun(() -> giveUp(renderer.stoppedByAFailure()));
    return exit.join();
  }

  private void readLines(ActorRef<Connection.Command> connection, ActorSystem<?> system) {
    try {
      String line;
      while ((line = input.readLine()) != null && !exit.isDone()) {
        ParsedLine parsed = CommandParser.parse(line);
        if (parsed instanceof ParsedLine.Rejected rejected) {
          print(List.of(renderer.problem(rejected.hint())));
        } else if (parsed instanceof ParsedLine.Ready ready) {
          UserCommand command = ready.command();
          if (command == UserCommand.Help.INSTANCE) {
            print(renderer.help());
          } else if (command instanceof UserCommand.Register) {
            register(connection, system);
          } else if (command instanceof UserCommand.SwitchWindow) {
            print(List.of(renderer.problem("a script has no windows: /window does nothing here")));
          } else {
            submit(connection, system, command);
            if (command instanceof UserCommand.Quit) {
              return;
            }
          }
        }
      }
      connection.tell(new Connection.Close(null, Connection.EXIT_OK));
    } catch (IOException e) {
      print(List.of(renderer.problem("cannot read the input: " + e.getMessage())));
      connection.tell(new Connection.Close(null, Connection.EXIT_ERROR));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void register(ActorRef<Connection.Command> connection, ActorSystem<?> system)
      throws InterruptedException {
    if (password == null) {
      print(
          List.of(
              renderer.problem(
                  "/register in a script takes the password from the PARLEY_PASSWORD variable"
                      + " or --password-file; none was given, nothing sent")));
      return;
    }
    var problem = CommandParser.passwordProblem(password);
    if (problem.isPresent()) {
      print(List.of(renderer.problem(problem.get() + "; not registered, nothing sent")));
      return;
    }
    submit(connection, system, new UserCommand.Register(password));
  }

  private void submit(
      ActorRef<Connection.Command> connection, ActorSystem<?> system, UserCommand command)
      throws InterruptedException {
    try {
      AskPattern.<Connection.Command, Connection.Outcome>ask(
              connection,
              replyTo -> new Connection.Submit(command, replyTo),
              command instanceof UserCommand.FileCommand ? TRANSFER_WAIT : answerTimeout,
              system.scheduler())
          .toCompletableFuture()
          .get();
    } catch (ExecutionException e) {
      print(
          List.of(
              renderer.problem(
                  "no answer from the server within " + answerTimeout.toSeconds() + " s")));
    }
  }

  private void giveUp(AttributedString reason) {
    if (exit.isDone()) {
      return;
    }
    print(List.of(reason));
    err.println(reason);
    exit.complete(Connection.EXIT_ERROR);
  }

  private void print(List<AttributedString> lines) {
    for (AttributedString line : lines) {
      out.println(line);
    }
  }
}
