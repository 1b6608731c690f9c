package dev.parley.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A tmux server of a test's own ({@code -S socket}), reading no tmux.conf of the machine, for a
 * program that a test drives in a terminal as a person would: typing into it and reading its
 * screen.
 */
public final class Tmux {

  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(10);

  /** What a tmux command printed, and how it exited. */
  public record Result(int exitCode, String output) {}

  private final Path socket;

  public Tmux(Path socket) {
    this.socket = socket;
  }

  /** Runs {@code tmux args...}, which must succeed, and returns what it printed. */
  public String tmux(String... args) {
    var result = run(args);
    if (result.exitCode() != 0) {
      throw new IllegalStateException(
          "tmux "
              + String.join(" ", args)
              + " exited with "
              + result.exitCode()
              + ": "
              + result.output());
    }
    return result.output();
  }

  public Result run(String... args) {
    List<String> command =
        new ArrayList<>(List.of("tmux", "-S", socket.toString(), "-f", "/dev/null"));
    command.addAll(List.of(args));
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    // the programs take their charset from the locale; the text of a test is UTF-8
    builder.environment().put("LANG", "C.UTF-8");
    builder.environment().remove("LC_ALL");
    builder.environment().remove("TMUX");
    // the programs show their colours as on a person's terminal
    builder.environment().remove("NO_COLOR");
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      String output = new String(process.getInputStream().readAllBytes(), UTF_8);
      if (!process.waitFor(COMMAND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        throw new IllegalStateException(String.join(" ", command) + " did not end");
      }
      return new Result(process.exitValue(), output);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + command, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public boolean hasSession(String session) {
    return run("has-session", "-t", session).exitCode() == 0;
  }

  public static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(File.pathSeparator))
        .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, program)));
  }

  public static void pause(Duration poll) {
    try {
      Thread.sleep(poll.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Removes a test's temporary home; one left behind is no failure of the test. */
  public static void deleteTree(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // left behind
    }
  }
}
