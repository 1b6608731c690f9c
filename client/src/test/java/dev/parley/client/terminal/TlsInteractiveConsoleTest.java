package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.RunningServer;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.render.FrameRenderer;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.jline.terminal.Size;
import org.jline.terminal.Terminal;
import org.jline.terminal.impl.DumbTerminal;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The line-editor console when the server's certificate is refused. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class TlsInteractiveConsoleTest {

  private static final Config TLS_CONFIG = ConfigFactory.load("tls-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TLS_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TLS_CONFIG).build();

  @TempDir Path home;

  private final Screen screen = new Screen();

  @Test
  void anUntrustedCertificateIsSaidOnceAndTheClientEndsInsteadOfRetrying() throws Exception {
    var config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.client.tls.enabled",
                    true,
                    "parley.client.tls.port",
                    server.tlsAddress().getPort(),
                    "parley.client.nick",
                    "wary",
                    "parley.client.console.history-file",
                    home.resolve("history").toString()))
            .withFallback(TLS_CONFIG);
    var console = console(config);
    var connection =
        testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), console));
    CompletableFuture<Integer> exit =
        CompletableFuture.supplyAsync(() -> console.run(connection, testKit.system()));

    String sentence =
        "!! the server's certificate is not trusted by this system (SHA-256 "
            + server.certificate().fingerprint()
            + "): if you trust it";
    screen.await(sentence);
    assertEquals(Connection.EXIT_ERROR, exit.get(10, TimeUnit.SECONDS));
    assertEquals(1, screen.toString().split("not trusted by this system", -1).length - 1);
    assertEquals(1, screen.toString().split("connecting to ", -1).length - 1);
  }

  private InteractiveConsole console(Config config) throws IOException {
    Terminal terminal =
        new DumbTerminal(
            "test",
            Terminal.TYPE_DUMB,
            new PipedInputStream(new PipedOutputStream()),
            screen,
            StandardCharsets.UTF_8);
    terminal.setSize(new Size(120, 40));
    return new InteractiveConsole(
        terminal,
        ConsoleSettings.fromConfig(config),
        new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss"),
        false);
  }
}
