package dev.parley.server.persistence;

import static java.nio.charset.StandardCharsets.UTF_8;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.server.settings.PersistenceSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.apache.pekko.actor.typed.BackoffSupervisorStrategy;
import org.apache.pekko.actor.typed.SupervisorStrategy;

/**
 * The database that Pekko Persistence writes to, as the settings choose it: opened once, with its
 * tables made when missing, before the server starts; and the config that points the JDBC plugin at
 * it.
 */
public final class Store implements AutoCloseable {

  private static final String SHARED_DATABASE = "parley";
  private static final String POSTGRES_DRIVER = "org.postgresql.Driver";
  // the advisory lock that one server holds while it makes the tables: "parley" in ASCII
  private static final long SCHEMA_LOCK = 0x7061726c6579L;

  /**
   * How an actor whose write or read the store failed starts again: it reads what was stored, after
   * a pause that grows while the store keeps failing. Its children go on: the rooms of the room
   * manager.
   */
  public static final BackoffSupervisorStrategy RESTART_AFTER_FAILURE =
      SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(10), 0.2)
          .withStopChildren(false);

  private final String url;
  private final String user;
  private final String password;
  private final String driver;
  private final String profile;
  private final int maxConnections;
  // an in-memory database lives as long as a connection to it is open
  private final Connection keepAlive;

  private Store(
      String url,
      String user,
      String password,
      String driver,
      String profile,
      int maxConnections,
      Connection keepAlive) {
    this.url = url;
    this.user = user;
    this.password = password;
    this.driver = driver;
    this.profile = profile;
    this.maxConnections = maxConnections;
    this.keepAlive = keepAlive;
  }

  /**
   * Opens the store and makes its tables where they are missing.
   *
   * @throws IllegalStateException naming the store when it cannot be reached, is in use by another
   *     server, or refuses the tables
   */
  public static Store open(PersistenceSettings settings) {
    return switch (settings.store()) {
      case H2 -> {
        Path file = settings.dataDir().toAbsolutePath().resolve("parley");
        try {
          Files.createDirectories(settings.dataDir());
        } catch (IOException e) {
          throw new IllegalStateException(
              "cannot make the data directory " + settings.dataDir() + ": " + e.getMessage(), e);
        }
        // each commit reaches the file before it returns: a killed server loses nothing stored
        yield openH2("jdbc:h2:file:" + file + ";WRITE_DELAY=0", settings, false);
      }
      case MEMORY -> openH2("jdbc:h2:mem:parley-" + UUID.randomUUID(), settings, true);
      case POSTGRESQL -> {
        var postgres = settings.postgresql();
        var store =
            new Store(
                postgres.url(),
                postgres.user(),
                postgres.password(),
                POSTGRES_DRIVER,
                "slick.jdbc.PostgresProfile$",
                settings.maxConnections(),
                null);
        store.createTables("postgresql-schema.sql");
        yield store;
      }
    };
  }

  private static Store openH2(String url, PersistenceSettings settings, boolean inMemory) {
    var store =
        new Store(
            url,
            "sa",
            "",
            "org.h2.Driver",
            "slick.jdbc.H2Profile$",
            settings.maxConnections(),
            inMemory ? connect(url, "sa", "") : null);
    store.createTables("h2-schema.sql");
    return store;
  }

  /** The settings of Pekko Persistence and its JDBC plugin for this store. */
  public Config pekkoConfig() {
    String database = "pekko-persistence-jdbc.shared-databases." + SHARED_DATABASE;
    return ConfigFactory.parseMap(
        Map.ofEntries(
            Map.entry("pekko.persistence.journal.plugin", "jdbc-journal"),
            Map.entry("pekko.persistence.snapshot-store.plugin", "jdbc-snapshot-store"),
            // a room stashes what comes while it stores: every member's next post, at most
            Map.entry("pekko.persistence.typed.stash-capacity", 100_000),
            Map.entry("jdbc-journal.use-shared-db", SHARED_DATABASE),
            Map.entry("jdbc-snapshot-store.use-shared-db", SHARED_DATABASE),
            Map.entry("jdbc-read-journal.use-shared-db", SHARED_DATABASE),
            Map.entry(database + ".profile", profile),
            Map.entry(database + ".db.url", url),
            Map.entry(database + ".db.user", user),
            Map.entry(database + ".db.password", password),
            Map.entry(database + ".db.driver", driver),
            Map.entry(database + ".db.numThreads", maxConnections),
            Map.entry(database + ".db.maxConnections", maxConnections),
            Map.entry(database + ".db.minConnections", 1)),
        "parley.persistence");
  }

  /** Lets an in-memory store go; a store on disk or on a server stays as the server left it. */
  @Override
  public void close() {
    if (keepAlive != null) {
      try {
        keepAlive.close();
      } catch (SQLException e) {
        // the database is gone either way
      }
    }
  }

  private void createTables(String script) {
    try (var connection = connect(url, user, password);
        var statement = connection.createStatement()) {
      boolean postgres = driver.equals(POSTGRES_DRIVER);
      if (postgres) {
        // nodes of a cluster start together: PostgreSQL's CREATE ... IF NOT EXISTS races itself
        statement.execute("SELECT pg_advisory_lock(" + SCHEMA_LOCK + ")");
      }
      for (String sql : statements(script)) {
        statement.execute(sql);
      }
      if (postgres) {
        statement.execute("SELECT pg_advisory_unlock(" + SCHEMA_LOCK + ")");
      }
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot make the tables in " + locationOf(url) + ": " + e.getMessage(), e);
    }
  }

  private static Connection connect(String url, String user, String password) {
    try {
      return DriverManager.getConnection(url, user, password);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot open the store " + locationOf(url) + ": " + e.getMessage(), e);
    }
  }

  private static String[] statements(String script) {
    try (InputStream in = Store.class.getResourceAsStream(script)) {
      String text = new String(in.readAllBytes(), UTF_8).replaceAll("(?m)^--.*$", "");
      return Arrays.stream(text.split(";"))
          .map(String::strip)
          .filter(s -> !s.isEmpty())
          .toArray(String[]::new);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Where a JDBC URL points, without its parameters, which may hold a password ({@code ;PASSWORD=}
   * for H2, {@code ?password=} for PostgreSQL).
   */
  public static String locationOf(String jdbcUrl) {
    return jdbcUrl.replaceFirst("[;?].*", "");
  }
}
