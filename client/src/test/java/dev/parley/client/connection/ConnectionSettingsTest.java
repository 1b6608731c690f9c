package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.client.terminal.ConsoleSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConnectionSettingsTest {

  private final ConnectionSettings defaults =
      ConnectionSettings.fromConfig(ConfigFactory.defaultReference());

  @Test
  void theDefaultsReachAServerStartedOnTheSameMachine() {
    assertEquals("127.0.0.1", defaults.host());
    assertEquals(7777, defaults.port());
  }

  @Test
  void aQuietClientPingsWellWithinTheServersIdleTimeout() {
    assertTrue(defaults.pingInterval().compareTo(Duration.ofSeconds(150)) <= 0);
  }

  @Test
  void anEmptyNickMeansTheLoginNameWhenItIsAValidNick() {
    String login = System.getProperty("user.name");
    String nick = defaults.nick();
    assertTrue(nick == null || nick.equals(login));
  }

  @Test
  void theInputHistoryIsKeptInTheUsersHome() {
    var console = ConsoleSettings.fromConfig(ConfigFactory.defaultReference());
    assertEquals(
        Path.of(System.getProperty("user.home"), ".parley", "client-history"),
        console.historyFile());
  }
}
