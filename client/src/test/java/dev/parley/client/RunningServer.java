package dev.parley.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.server.ParleyServer;
import dev.parley.server.tls.ServerCertificate;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for the tests of one class, started before the first test and shut down after the
 * last: {@code @RegisterExtension static final RunningServer server = new RunningServer(config)}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

  private final Supplier<Config> config;
  private ParleyServer server;

  public RunningServer(Config config) {
    this(() -> config);
  }

  /** A server of a configuration made when it starts, from files the test class writes. */
  public RunningServer(Supplier<Config> config) {
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = ParleyServer.start(config.get());
  }

  @Override
  public void afterAll(ExtensionContext context) {
    server.close();
  }

  /** A server of {@code config} on {@code port}: one that comes back where another one was. */
  public static ParleyServer startOn(int port, Config config) {
    return ParleyServer.start(
        ConfigFactory.parseMap(Map.of("parley.listen.port", port)).withFallback(config));
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** Where the server listens with TLS, when its configuration turned TLS on. */
  public InetSocketAddress tlsAddress() {
    return server.tlsAddress().orElseThrow(() -> new IllegalStateException("TLS is off"));
  }

  /** Where the server's HTTP door listens (files, the web client). */
  public InetSocketAddress httpAddress() {
    return server.httpAddress().orElseThrow(() -> new IllegalStateException("HTTP is off"));
  }

  /** The certificate the server presents on its TLS port now. */
  public ServerCertificate certificate() {
    return server.certificate().orElseThrow(() -> new IllegalStateException("TLS is off"));
  }

  /** Ends {@code nick}'s session as the operator's /kick does. */
  public void kick(String nick, String reason) {
    server.kick(nick, reason).toCompletableFuture().join();
  }
}
