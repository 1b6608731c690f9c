package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The server as an operator runs it: {@code Main} in a JVM of its own. */
@ExtendWith(LogCapturingExtension.class)
class MainProcessE2eTest {

  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern LISTENING = Pattern.compile("Listening on 127\\.0\\.0\\.1:(\\d+)");
  private static final int EXIT_OK = 0;
  private static final int EXIT_BAD_USAGE = 2;
  private static final int EXIT_CANNOT_START = 1;

  private final List<Process> started = new ArrayList<>();

  @AfterEach
  void killWhatIsLeft() {
    started.forEach(Process::destroyForcibly);
  }

  @Test
  void saysByeShutdownToItsClientsOnSigtermAndExitsZero() throws Exception {
    Process server =
        start(
            ProcessBuilder.Redirect.PIPE,
            "--port",
            "0",
            "--http-port",
            "0",
            "--irc-port",
            "0",
            "-Dparley.data-dir=" + Files.createTempDirectory("parley-main-process"));
    BlockingQueue<String> stdout = linesOf(server.getInputStream());
    // destroy() closes the process's streams: what it says on stderr is read as it comes
    BlockingQueue<String> stderr = linesOf(server.getErrorStream());
    int port = awaitListeningPort(stdout);

    try (var client = RawClient.login(new InetSocketAddress("127.0.0.1", port), "sigterm")) {
      client.sendFrame("ping", "id", 1);
      client.expectPong(FrameId.of(1));

      server.destroy();

      client.expectBye(DepartureReason.SHUTDOWN);
    }
    assertTrue(server.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "exits after SIGTERM");
    assertEquals(EXIT_OK, server.exitValue(), "stderr: " + stderr);
  }

  @Test
  void exitsOneNamingTheStoreWhenItCannotBeReached() throws Exception {
    // nothing listens on port 1 of the loopback: the connection is refused at once
    Process server =
        start(
            ProcessBuilder.Redirect.DISCARD,
            "--port",
            "0",
            "-Dparley.persistence.store=postgresql",
            "-Dparley.persistence.postgresql.url=jdbc:postgresql://127.0.0.1:1/parley");

    String stderr = awaitExit(server, EXIT_CANNOT_START);
    assertOneLineNaming(stderr, "jdbc:postgresql://127.0.0.1:1/parley");
  }

  @Test
  void saysWhyThereIsNoOperatorConsoleWhenItsOutputIsNoTerminal() throws Exception {
    Process server =
        start(
            ProcessBuilder.Redirect.PIPE,
            "--port",
            "0",
            "--http-port",
            "0",
            "--irc-port",
            "0",
            "-Dparley.persistence.store=memory");
    BlockingQueue<String> stdout = linesOf(server.getInputStream());
    awaitListeningPort(stdout);

    String line = awaitLine(stdout, "No operator console");
    assertTrue(line.contains("--console"), line);
    server.destroy();
    assertTrue(server.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "exits after SIGTERM");
  }

  @Test
  void exitsTwoNamingTheOptionWhenThePortIsNotANumber() throws Exception {
    Process server = start(ProcessBuilder.Redirect.DISCARD, "--port", "abc");

    String stderr = awaitExit(server, EXIT_BAD_USAGE);
    assertOneLineNaming(stderr, "--port");
  }

  @Test
  void exitsTwoNamingTheKeyWhenTheConfigFileHasAnUnknownSetting() throws Exception {
    Process server =
        start(ProcessBuilder.Redirect.DISCARD, "--config", resource("e2e-unknown-setting.conf"));

    String stderr = awaitExit(server, EXIT_BAD_USAGE);
    assertOneLineNaming(stderr, "parley.session.idle-timout");
  }

  @Test
  void exitsTwoNamingTheKeyWhenTheConfigFileHasABadValue() throws Exception {
    Process server =
        start(ProcessBuilder.Redirect.DISCARD, "--config", resource("e2e-bad-value.conf"));

    String stderr = awaitExit(server, EXIT_BAD_USAGE);
    assertOneLineNaming(stderr, "parley.listen.max-connections");
  }

  @Test
  void hashesAPasswordIntoAUsersFileLineThatLogsTheAccountIn() throws Exception {
    Process hashing = start(ProcessBuilder.Redirect.PIPE, "hash-password", "Operator1");
    try (var stdin = hashing.getOutputStream()) {
      stdin.write("a long password\n".getBytes(UTF_8));
    }
    String line = new String(hashing.getInputStream().readAllBytes(), UTF_8).strip();
    awaitExit(hashing, 0);
    assertTrue(line.startsWith("Operator1 $argon2id$"), line);

    Path users = Path.of("target/e2e-users/users");
    Files.createDirectories(users.getParent());
    Files.writeString(users, "# made by hash-password\n" + line + "\n");
    var server = ParleyServer.start(ConfigFactory.load("e2e-users-file"));
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 1, "nick", "operator1");
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(1));
      client.sendFrame("hello", "id", 2, "nick", "operator1", "password", "a long password");
      var welcome = client.expect(ServerFrame.Welcome.class);
      assertEquals("Operator1", welcome.nick());
    } finally {
      server.close();
    }
  }

  private Process start(ProcessBuilder.Redirect stdout, String... arguments) throws IOException {
    var command = new ArrayList<String>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    // a short-lived server starts faster without the optimizing compiler
    command.add("-XX:TieredStopAtLevel=1");
    // the test class path holds logback-test.xml, which only captures: log as the server does
    command.add("-Dlogback.configurationFile=logback.xml");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.parley.server.Main");
    command.addAll(List.of(arguments));
    Process process = new ProcessBuilder(command).redirectOutput(stdout).start();
    started.add(process);
    return process;
  }

  /** The lines of a process's output, read by a thread of their own as they come. */
  private static BlockingQueue<String> linesOf(InputStream output) {
    var lines = new LinkedBlockingQueue<String>();
    var reader =
        new Thread(
            () -> {
              try (var in = new BufferedReader(new InputStreamReader(output, UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                  lines.add(line);
                }
              } catch (IOException closed) {
                // the process is gone
              }
            },
            "server-output");
    reader.setDaemon(true);
    reader.start();
    return lines;
  }

  private static int awaitListeningPort(BlockingQueue<String> stdout) throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    var seen = new ArrayList<String>();
    while (System.nanoTime() < deadline) {
      String line = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      seen.add(line);
      Matcher listening = LISTENING.matcher(line);
      if (listening.find()) {
        return Integer.parseInt(listening.group(1));
      }
    }
    return fail("no 'Listening on' line within " + START_TIMEOUT + "; stdout: " + seen);
  }

  private static String awaitLine(BlockingQueue<String> stdout, String part)
      throws InterruptedException {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    var seen = new ArrayList<String>();
    while (System.nanoTime() < deadline) {
      String line = stdout.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      if (line == null) {
        break;
      }
      if (line.contains(part)) {
        return line;
      }
      seen.add(line);
    }
    return fail("no line with '" + part + "' within " + START_TIMEOUT + "; stdout: " + seen);
  }

  private static String awaitExit(Process process, int status) throws InterruptedException {
    assertTrue(process.waitFor(EXIT_TIMEOUT.toSeconds(), TimeUnit.SECONDS), "exits");
    String stderr = stderrOf(process);
    assertEquals(status, process.exitValue(), "exit status; stderr: " + stderr);
    return stderr;
  }

  private static String stderrOf(Process process) {
    try {
      return new String(process.getErrorStream().readAllBytes(), UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertOneLineNaming(String stderr, String key) {
    var lines = stderr.lines().toList();
    assertEquals(1, lines.size(), "one line on stderr: " + stderr);
    assertTrue(lines.get(0).contains(key), "names " + key + ": " + lines.get(0));
  }

  private static String resource(String name) throws URISyntaxException {
    return Path.of(MainProcessE2eTest.class.getResource("/" + name).toURI()).toString();
  }
}
