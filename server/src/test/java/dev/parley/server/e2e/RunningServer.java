package dev.parley.server.e2e;

import com.typesafe.config.ConfigFactory;
import dev.parley.server.ParleyServer;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.tls.ServerCertificate;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for the tests of one class, started from a test config before the first test and
 * shut down after the last: {@code @RegisterExtension static final RunningServer server = ...}.
 */
final class RunningServer implements BeforeAllCallback, AfterAllCallback {

  private final String configResource;
  private final Supplier<Map<String, String>> overrides;
  private ParleyServer server;

  RunningServer(String configResource) {
    this(configResource, Map::of);
  }

  /** {@code overrides}, settings made when the server starts, come before the test config. */
  RunningServer(String configResource, Supplier<Map<String, String>> overrides) {
    this.configResource = configResource;
    this.overrides = overrides;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server =
        ParleyServer.start(
            ConfigFactory.parseMap(overrides.get())
                .withFallback(ConfigFactory.load(configResource))
                .resolve());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  InetSocketAddress address() {
    return server.address();
  }

  InetSocketAddress tlsAddress() {
    return server.tlsAddress().orElseThrow(() -> new IllegalStateException("TLS is off"));
  }

  InetSocketAddress httpsAddress() {
    return server.httpsAddress().orElseThrow(() -> new IllegalStateException("TLS is off"));
  }

  ServerCertificate certificate() {
    return server.certificate().orElseThrow(() -> new IllegalStateException("TLS is off"));
  }

  ParleySettings settings() {
    return server.settings();
  }

  /** Where the IRC door listens for IRC clients. */
  InetSocketAddress ircAddress() {
    return server.ircAddress().orElseThrow(() -> new IllegalStateException("IRC is off"));
  }

  /** Where the IRC door listens for IRC clients over TLS. */
  InetSocketAddress ircTlsAddress() {
    return server.ircTlsAddress().orElseThrow(() -> new IllegalStateException("IRC or TLS is off"));
  }

  /** Where the HTTP door serves the web client and its WebSocket. */
  InetSocketAddress httpAddress() {
    return server.httpAddress().orElseThrow(() -> new IllegalStateException("HTTP is off"));
  }

  /** Where {@code /health} and {@code /metrics} answer. */
  InetSocketAddress adminAddress() {
    return server.adminAddress().orElseThrow(() -> new IllegalStateException("HTTP is off"));
  }

  /** Kicks the user online as {@code nick}, as the operator's {@code /kick} does. */
  void kick(String nick, String reason) {
    boolean kicked = server.kick(nick, reason).toCompletableFuture().join();
    if (!kicked) {
      throw new IllegalStateException(nick + " is not online");
    }
  }
}
