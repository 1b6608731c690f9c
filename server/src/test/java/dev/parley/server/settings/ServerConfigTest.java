package dev.parley.server.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import dev.parley.server.ParleyServer;
import dev.parley.server.account.PasswordHasher;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServerConfigTest {

  @TempDir Path directory;

  private Path file(String content) throws IOException {
    return Files.writeString(directory.resolve("parley.conf"), content);
  }

  private static ParleySettings settings(Path file, Map<String, String> overrides) {
    return ParleySettings.fromConfig(ServerConfig.load(file, overrides));
  }

  @Test
  void usesTheDocumentedDefaultsWithoutAFile() {
    var settings = settings(null, Map.of());
    assertEquals(
        new ListenSettings("127.0.0.1", 7777, 1024, 128 * 1024, 1000, 100, 500), settings.listen());
    assertEquals(new ProtocolSettings(16384, 4000, 1024, 256), settings.protocol());
    assertEquals(256 * 1024, settings.session().maxPendingOutput());
    assertEquals(64L * 1024 * 1024, settings.session().maxTotalKeptOutput());
    assertEquals(Duration.ofSeconds(30), settings.session().helloTimeout());
    assertEquals(List.of("lobby"), settings.rooms().autoJoin());
    assertEquals(2048, settings.rooms().historySize());
    assertTrue(settings.nicks().isReserved("ADMIN"));
    assertEquals(PersistenceSettings.Store.H2, settings.persistence().store());
    assertEquals(Path.of("./data"), settings.persistence().dataDir());
    assertEquals(Duration.ofDays(30), settings.rooms().historyMaxAge());
  }

  @Test
  void refusesAStoreItDoesNotKnowByItsKey() {
    var problem =
        assertThrows(
            ConfigException.class,
            () -> settings(null, Map.of("parley.persistence.store", "mongodb")));
    assertTrue(problem.getMessage().contains("parley.persistence.store"), problem.getMessage());
    assertTrue(problem.getMessage().contains("h2, postgresql or memory"), problem.getMessage());
  }

  @Test
  void takesThePostgresqlStoreFromTheSettings() {
    var settings =
        settings(
            null,
            Map.of(
                "parley.persistence.store", "PostgreSQL",
                "parley.persistence.postgresql.url", "jdbc:postgresql://db.example:5432/chat",
                "parley.persistence.postgresql.user", "chat"));
    assertEquals(PersistenceSettings.Store.POSTGRESQL, settings.persistence().store());
    assertEquals(
        "jdbc:postgresql://db.example:5432/chat", settings.persistence().postgresql().url());
    assertEquals("chat", settings.persistence().postgresql().user());
  }

  @Test
  void layersTheOperatorsFileOverTheDefaults() throws IOException {
    var settings =
        settings(
            file("parley.listen.port = 7100\nparley.rooms.auto-join = [main, help]"), Map.of());
    assertEquals(7100, settings.listen().port());
    assertEquals("127.0.0.1", settings.listen().host());
    assertEquals(List.of("main", "help"), settings.rooms().autoJoin());
  }

  @Test
  void letsAFileIncludeTheDefaultsExplicitly() throws IOException {
    var settings =
        settings(file("include classpath(\"application.conf\")\nparley.motd = hi"), Map.of());
    assertEquals("hi", settings.motd());
  }

  @Test
  void putsCommandLineSettingsAboveTheFile() throws IOException {
    var settings =
        settings(file("parley.listen.port = 7100"), Map.of("parley.listen.port", "7200"));
    assertEquals(7200, settings.listen().port());
  }

  @Test
  void refusesAnUnknownSettingByItsKey() throws IOException {
    var problem =
        assertThrows(
            ConfigException.class, () -> settings(file("parley.listen.prot = 1"), Map.of()));
    assertTrue(problem.getMessage().contains("parley.listen.prot"), problem.getMessage());
  }

  @Test
  void refusesAValueOfTheWrongTypeByItsKey() throws IOException {
    var problem =
        assertThrows(
            ConfigException.class,
            () -> settings(file("parley.session.hello-timeout = soon"), Map.of()));
    assertTrue(problem.getMessage().contains("parley.session.hello-timeout"), problem.getMessage());
  }

  @Test
  void refusesAValueOutOfRangeByItsKey() {
    var problem =
        assertThrows(
            ConfigException.class, () -> settings(null, Map.of("parley.listen.port", "70000")));
    assertTrue(problem.getMessage().contains("parley.listen.port"), problem.getMessage());
  }

  @Test
  void refusesABoundOfNoBytesByItsKey() {
    var problem =
        assertThrows(
            ConfigException.class,
            () -> settings(null, Map.of("parley.session.max-total-kept-output", "0")));
    assertTrue(
        problem.getMessage().contains("parley.session.max-total-kept-output"),
        problem.getMessage());
  }

  @Test
  void refusesAMissingFile() {
    var problem =
        assertThrows(
            ConfigException.class, () -> settings(directory.resolve("absent.conf"), Map.of()));
    assertTrue(problem.getMessage().contains("absent.conf"), problem.getMessage());
  }

  @Test
  void hasNoOperatorsByDefault() {
    var accounts = settings(null, Map.of()).accounts();
    assertEquals(List.of(), accounts.operators());
    assertFalse(accounts.isOperator("admin"));
  }

  @Test
  void takesOperatorsInAnyLetterCase() throws IOException {
    var accounts = settings(file("parley.accounts.operators = [Alice, bob]"), Map.of()).accounts();
    assertTrue(accounts.isOperator("ALICE"));
    assertTrue(accounts.isOperator("Bob"));
    assertFalse(accounts.isOperator("carol"));
  }

  @Test
  void refusesAnOperatorThatIsNoNickByItsKey() throws IOException {
    var problem =
        assertThrows(
            ConfigException.class,
            () -> settings(file("parley.accounts.operators = [\"9lives\"]"), Map.of()));
    assertTrue(problem.getMessage().contains("parley.accounts.operators"), problem.getMessage());
    assertTrue(problem.getMessage().contains("9lives"), problem.getMessage());
  }

  @Test
  void refusesToStartWithAnOperatorWhoIsNoAccountOfTheUsersFile() throws IOException {
    String hash = new PasswordHasher(new AccountSettings.Argon2Settings(64, 1, 1)).hash("secret12");
    Path users = Files.writeString(directory.resolve("users"), "Alice " + hash + "\n");
    var config =
        ServerConfig.load(
            file(
                "parley.accounts.users-file = \""
                    + users
                    + "\"\nparley.accounts.operators = [alice, mallory]"),
            Map.of());

    var problem = assertThrows(ConfigException.class, () -> ParleyServer.start(config));
    assertTrue(problem.getMessage().contains("parley.accounts.operators"), problem.getMessage());
    assertTrue(problem.getMessage().contains("mallory"), problem.getMessage());
    assertFalse(problem.getMessage().contains("alice"), problem.getMessage());
  }
}
