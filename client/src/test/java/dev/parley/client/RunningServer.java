package dev.parley.client;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.server.ParleyServer;
import java.net.InetSocketAddress;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real server for the tests of one class, started before the first test and shut down after the
 * last: {@code @RegisterExtension static final RunningServer server = new RunningServer(config)}.
 */
public final class RunningServer implements BeforeAllCallback, AfterAllCallback {

  private final Config config;
  private ParleyServer server;

  public RunningServer(Config config) {
    this.config = config;
  }

  @Override
  public void beforeAll(ExtensionContext context) {
    server = ParleyServer.start(config);
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

  /** Ends {@code nick}'s session as the operator's /kick does. */
  public void kick(String nick, String reason) {
    server.kick(nick, reason).toCompletableFuture().join();
  }
}
