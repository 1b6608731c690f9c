package dev.parley.bench.persist;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server as a process of its own: started with a command, its output copied to a log file and
 * watched for the line that says where it listens, stopped with SIGTERM.
 */
public final class ServerProcess implements AutoCloseable {

  private static final Pattern LISTENING = Pattern.compile("Listening on ([^\\s:]+):(\\d+)");

  /** Where the server listens, and when its output said so. */
  public record Listening(InetSocketAddress address, long atNanos) {}

  /** How a stop went: the time from SIGTERM to the process's end, and its exit status. */
  public record Stopped(Duration afterSignal, int exitStatus) {}

  private final Process process;
  private final long startedAtNanos;
  private final Path log;
  private final Consumer<String> eachLine;
  private final CompletableFuture<Listening> listening = new CompletableFuture<>();

  private ServerProcess(Process process, long startedAtNanos, Path log, Consumer<String> eachLine) {
    this.process = process;
    this.startedAtNanos = startedAtNanos;
    this.log = log;
    this.eachLine = eachLine;
  }

  /**
   * The command that starts a server jar: {@code java}, its options, {@code -jar}, under {@code
   * taskset -c cores} when cores are given.
   */
  public static List<String> javaCommand(Path jar, String javaOptions, String cores) {
    var command = new ArrayList<String>();
    if (cores != null && !cores.isBlank()) {
      command.addAll(List.of("taskset", "-c", cores));
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    Stream.of(javaOptions.trim().split("\\s+"))
        .filter(option -> !option.isEmpty())
        .forEach(command::add);
    command.add("-jar");
    command.add(jar.toAbsolutePath().toString());
    return command;
  }

  /**
   * Starts the command and waits until the server's output says where it listens.
   *
   * @throws TimeoutException when it does not listen in time; the process is killed
   * @throws IllegalStateException when it ends before it listens
   */
  public static ServerProcess start(List<String> command, Path log, Duration timeout)
      throws IOException, InterruptedException, TimeoutException {
    return start(command, log, timeout, line -> {});
  }

  /**
   * The same, and every line of the server's output also goes to {@code eachLine}, on the thread
   * that copies the output, from the first line on.
   */
  public static ServerProcess start(
      List<String> command, Path log, Duration timeout, Consumer<String> eachLine)
      throws IOException, InterruptedException, TimeoutException {
    var builder = new ProcessBuilder(command).redirectErrorStream(true);
    long startedAt = System.nanoTime();
    var server = new ServerProcess(builder.start(), startedAt, log, eachLine);
    var copier = new Thread(server::copyOutput, "server-output");
    copier.setDaemon(true);
    copier.start();
    try {
      server.listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      server.kill();
      throw new IllegalStateException(e.getCause().getMessage(), e.getCause());
    } catch (TimeoutException | InterruptedException e) {
      server.kill();
      throw e;
    }
    return server;
  }

  /** The address in a line such as {@code ... Listening on 127.0.0.1:7777}, if it is one. */
  static Optional<InetSocketAddress> listeningAddress(String line) {
    Matcher matcher = LISTENING.matcher(line);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(
        InetSocketAddress.createUnresolved(matcher.group(1), Integer.parseInt(matcher.group(2))));
  }

  public long pid() {
    return process.pid();
  }

  long startedAtNanos() {
    return startedAtNanos;
  }

  /** Valid once {@link #start} returned. */
  Listening listening() {
    return listening.join();
  }

  /** The address to connect to. */
  public InetSocketAddress address() {
    InetSocketAddress unresolved = listening().address();
    return new InetSocketAddress(unresolved.getHostString(), unresolved.getPort());
  }

  Duration startToListening() {
    return Duration.ofNanos(listening().atNanos() - startedAtNanos);
  }

  /**
   * Sends SIGTERM and waits for the process to end; kills it when it takes longer than {@code
   * timeout}.
   */
  public Stopped stop(Duration timeout) throws InterruptedException {
    long signalledAt = System.nanoTime();
    process.destroy();
    if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      kill();
      throw new IllegalStateException(
          "the server did not stop within " + timeout.toSeconds() + " s of SIGTERM; see " + log);
    }
    return new Stopped(Duration.ofNanos(System.nanoTime() - signalledAt), process.exitValue());
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(1, TimeUnit.MINUTES);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private void copyOutput() {
    try (var in =
            new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        var out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8), true)) {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        long now = System.nanoTime();
        out.println(line);
        eachLine.accept(line);
        if (!listening.isDone()) {
          listeningAddress(line)
              .ifPresent(address -> listening.complete(new Listening(address, now)));
        }
      }
    } catch (IOException e) {
      listening.completeExceptionally(new UncheckedIOException(e));
      return;
    }
    listening.completeExceptionally(
        new IllegalStateException("the server ended before it listened; see " + log));
  }
}
