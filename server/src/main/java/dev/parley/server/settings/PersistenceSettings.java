package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.util.Locale;

/** Where rooms, accounts and mailboxes are stored, and how often their snapshots are taken. */
public record PersistenceSettings(
    Store store, Path dataDir, PostgresSettings postgresql, int maxConnections, int snapshotEvery) {

  public enum Store {
    H2,
    POSTGRESQL,
    MEMORY
  }

  /** Where the PostgreSQL store is; used only with {@link Store#POSTGRESQL}. */
  public record PostgresSettings(String url, String user, String password) {
    // a password must not reach a log through a record printed whole
    @Override
    public String toString() {
      return "PostgresSettings[url=" + url + ", user=" + user + "]";
    }
  }

  public static PersistenceSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.persistence");
    String store = section.string("store");
    Store parsed;
    try {
      parsed = Store.valueOf(store.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw section.invalid("store", "must be h2, postgresql or memory, not '" + store + "'");
    }
    return new PersistenceSettings(
        parsed,
        Path.of(config.getString("parley.data-dir")),
        new PostgresSettings(
            section.string("postgresql.url"),
            section.string("postgresql.user"),
            section.string("postgresql.password")),
        section.positiveInt("max-connections"),
        section.positiveInt("snapshot-every"));
  }
}
