package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server as an operator runs it, {@code Main --config FILE} in a JVM of its own, writing what
 * it logs to a file; stopped with SIGTERM or killed with SIGKILL.
 */
final class ServerProcess implements AutoCloseable {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Duration LOG_POLL = Duration.ofMillis(50);
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final int EXIT_OK = 0;
  private static final int LOG_LINES_IN_FAILURES = 40;

  private final Process process;
  private final Path log;
  private final InetSocketAddress address;

  private ServerProcess(Process process, Path log, InetSocketAddress address) {
    this.process = process;
    this.log = log;
    this.address = address;
  }

  /** Starts the server with {@code config} and returns once it listens; it logs to {@code log}. */
  static ServerProcess start(Path config, Path log) {
    var command =
        List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            // a short-lived server starts faster without the optimizing compiler
            "-XX:TieredStopAtLevel=1",
            // the test class path holds logback-test.xml, which only captures: log as the server
            // does
            "-Dlogback.configurationFile=logback.xml",
            "-cp",
            System.getProperty("java.class.path"),
            "dev.parley.server.Main",
            "--config",
            config.toString());
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + command, e);
    }
    try {
      int port = awaitListeningPort(process, log);
      return new ServerProcess(process, log, new InetSocketAddress("127.0.0.1", port));
    } catch (RuntimeException | Error e) {
      process.destroyForcibly();
      throw e;
    }
  }

  InetSocketAddress address() {
    return address;
  }

  /** Whether the server logged a line holding {@code text} so far. */
  boolean hasLogged(String text) {
    return read(log).contains(text);
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** SIGTERM, as an operator stops the server: it must exit 0. */
  void stopGracefully() {
    process.destroy();
    assertEquals(EXIT_OK, awaitExit(), "exit status after SIGTERM; " + logTail(log));
  }

  /** SIGKILL, as a crash or the OOM killer stops the server: it has no time to tidy up. */
  void kill() {
    process.destroyForcibly();
    awaitExit();
  }

  /** Kills the server if a test left it running. */
  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  private int awaitExit() {
    try {
      assertTrue(
          process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
          "exits within " + EXIT_TIMEOUT + "; " + logTail(log));
      return process.exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted while waiting for the server to exit", e);
    }
  }

  private static int awaitListeningPort(Process process, Path log) {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      Matcher listening = LISTENING.matcher(read(log));
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
      if (!process.isAlive()) {
        fail("the server exited " + process.exitValue() + " before listening; " + logTail(log));
      }
      try {
        Thread.sleep(LOG_POLL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for the server to listen", e);
      }
    }
    return fail("no 'Listening on' within " + START_TIMEOUT + "; " + logTail(log));
  }

  private static String logTail(Path log) {
    var lines = read(log).lines().toList();
    var tail = lines.subList(Math.max(0, lines.size() - LOG_LINES_IN_FAILURES), lines.size());
    return "the server's log " + log + " ends:\n" + String.join("\n", tail);
  }

  private static String read(Path log) {
    try {
      // the server may be in the middle of a character: decode leniently
      return new String(Files.readAllBytes(log), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
