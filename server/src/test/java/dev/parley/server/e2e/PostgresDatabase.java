package dev.parley.server.e2e;

import com.typesafe.config.ConfigUtil;
import java.net.URI;
import java.net.URISyntaxException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Assumptions;

/**
 * A fresh, empty PostgreSQL database for one test class, made on the server that {@code
 * PARLEY_TEST_POSTGRES_URL} names and dropped on {@link #close()}. Without that variable there is
 * none, and {@link #create()} skips the test: {@code .ci/run} sets it.
 */
final class PostgresDatabase implements AutoCloseable {

  static final String URL_VARIABLE = "PARLEY_TEST_POSTGRES_URL";
  static final String USER_VARIABLE = "PARLEY_TEST_POSTGRES_USER";
  static final String PASSWORD_VARIABLE = "PARLEY_TEST_POSTGRES_PASSWORD";

  private static final String JDBC_PREFIX = "jdbc:";
  private static final String NAME_PREFIX = "parley_test_";

  private final String adminUrl;
  private final String name;
  private final String url;
  private final String user;
  private final String password;

  private PostgresDatabase(String adminUrl, String name, String user, String password) {
    this.adminUrl = adminUrl;
    this.name = name;
    this.url = withDatabase(adminUrl, name);
    this.user = user;
    this.password = password;
  }

  /** Why tests that need PostgreSQL skip when {@link #available()} is false. */
  static final String MISSING =
      URL_VARIABLE
          + " is not set, so there is no PostgreSQL to test against; .ci/run starts one and sets"
          + " it, with "
          + USER_VARIABLE
          + " and "
          + PASSWORD_VARIABLE;

  /** Whether there is a PostgreSQL server to test against. */
  static boolean available() {
    String adminUrl = System.getenv(URL_VARIABLE);
    return adminUrl != null && !adminUrl.isBlank();
  }

  /** Why there is no PostgreSQL to test against, or empty when there is. */
  static Optional<String> whyUnavailable() {
    return available() ? Optional.empty() : Optional.of(MISSING);
  }

  /**
   * Makes a database named {@code parley_test_<random>}, owned by the user of {@code
   * PARLEY_TEST_POSTGRES_USER}, who may create databases; skips the test when {@link
   * #whyUnavailable()} says why it cannot.
   */
  static PostgresDatabase create() {
    whyUnavailable().ifPresent(Assumptions::abort);
    String adminUrl = System.getenv(URL_VARIABLE);
    String user = System.getenv().getOrDefault(USER_VARIABLE, "parley");
    String password = System.getenv().getOrDefault(PASSWORD_VARIABLE, "");
    String name = NAME_PREFIX + Long.toUnsignedString(ThreadLocalRandom.current().nextLong(), 36);
    var database = new PostgresDatabase(adminUrl, name, user, password);
    database.executeAsAdmin("CREATE DATABASE " + name);
    return database;
  }

  String url() {
    return url;
  }

  /** The settings of a server that stores in this database, as config file lines. */
  String serverSettings() {
    return String.join(
        "\n",
        "parley.persistence.store = postgresql",
        "parley.persistence.postgresql.url = " + ConfigUtil.quoteString(url),
        "parley.persistence.postgresql.user = " + ConfigUtil.quoteString(user),
        "parley.persistence.postgresql.password = " + ConfigUtil.quoteString(password));
  }

  /** Runs {@code sql} on this database, as the user who owns it. */
  void execute(String sql) {
    try (var connection = connect();
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
    }
  }

  /** A connection to this database; the caller closes it. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }

  /** Every table of this database outside PostgreSQL's own schemas, with its number of rows. */
  Map<String, Long> rowsPerTable() throws SQLException {
    var rows = new LinkedHashMap<String, Long>();
    try (var connection = connect();
        var statement = connection.createStatement()) {
      var tables = new ArrayList<String>();
      try (var found =
          statement.executeQuery(
              "SELECT table_schema, table_name FROM information_schema.tables"
                  + " WHERE table_type = 'BASE TABLE'"
                  + " AND table_schema NOT IN ('pg_catalog', 'information_schema')"
                  + " ORDER BY table_schema, table_name")) {
        while (found.next()) {
          tables.add(quoted(found.getString(1)) + "." + quoted(found.getString(2)));
        }
      }
      for (String table : tables) {
        try (var count = statement.executeQuery("SELECT count(*) FROM " + table)) {
          count.next();
          rows.put(table, count.getLong(1));
        }
      }
    }
    return rows;
  }

  /** Drops the database, ending what connections a killed server may have left behind. */
  @Override
  public void close() {
    executeAsAdmin("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
  }

  private void executeAsAdmin(String sql) {
    try (var connection = DriverManager.getConnection(adminUrl, user, password);
        var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + " on " + adminUrl + " failed: " + e.getMessage(), e);
    }
  }

  /** {@code jdbcUrl} with its database, the path, replaced by {@code database}. */
  private static String withDatabase(String jdbcUrl, String database) {
    if (!jdbcUrl.startsWith(JDBC_PREFIX)) {
      throw new IllegalArgumentException(URL_VARIABLE + " is no JDBC URL: " + jdbcUrl);
    }
    try {
      var uri = new URI(jdbcUrl.substring(JDBC_PREFIX.length()));
      var replaced =
          new URI(uri.getScheme(), uri.getAuthority(), "/" + database, uri.getQuery(), null);
      return JDBC_PREFIX + replaced;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(URL_VARIABLE + " is no JDBC URL: " + jdbcUrl, e);
    }
  }

  private static String quoted(String identifier) {
    return '"' + identifier.replace("\"", "\"\"") + '"';
  }
}
