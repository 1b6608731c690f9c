package dev.parley.server.e2e;

import com.typesafe.config.ConfigFactory;
import dev.parley.server.ParleyServer;
import java.net.InetSocketAddress;

/**
 * A server of the tests that stores in a PostgreSQL database of its own: closing it stops the
 * server and drops the database. Skips the test without PostgreSQL, as {@link
 * PostgresDatabase#create()} does.
 */
final class ServerOnPostgres implements AutoCloseable {

  private final PostgresDatabase database;
  private final ParleyServer server;

  private ServerOnPostgres(PostgresDatabase database, ParleyServer server) {
    this.database = database;
    this.server = server;
  }

  /** Starts a server with the accounts' e2e settings, {@code settings} over them. */
  static ServerOnPostgres start(String settings) {
    var database = PostgresDatabase.create();
    try {
      return new ServerOnPostgres(
          database,
          ParleyServer.start(
              ConfigFactory.parseString(database.serverSettings() + "\n" + settings)
                  .withFallback(ConfigFactory.load("e2e-accounts.conf"))));
    } catch (RuntimeException | Error e) {
      database.close();
      throw e;
    }
  }

  InetSocketAddress address() {
    return server.address();
  }

  PostgresDatabase database() {
    return database;
  }

  @Override
  public void close() {
    try {
      server.close();
    } finally {
      database.close();
    }
  }
}
