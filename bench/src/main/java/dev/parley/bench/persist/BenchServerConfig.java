package dev.parley.bench.persist;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The server's configuration for one persistence run: the bench's server settings (limits raised,
 * so that flood control does not slow the senders, and no auto-joined room), then the store and its
 * settings.
 *
 * @param historySize messages a room keeps; empty for the server's default
 */
record BenchServerConfig(
    Path include,
    Store store,
    Path dataDir,
    long snapshotEvery,
    Optional<Integer> historySize,
    Optional<PostgreSql> postgresql) {

  /** Where the server's events go: {@code parley.persistence.store}. */
  enum Store {
    H2("h2", "H2 file"),
    POSTGRESQL("postgresql", "PostgreSQL"),
    MEMORY("memory", "H2 in memory");

    private final String setting;
    private final String label;

    Store(String setting, String label) {
      this.setting = setting;
      this.label = label;
    }

    String label() {
      return label;
    }

    /** Whether what it stored is still there when the server starts again. */
    boolean survivesRestart() {
      return this != MEMORY;
    }
  }

  /** A PostgreSQL database, made for the run and empty. */
  record PostgreSql(String url, String user, String password) {}

  String render() {
    var text = new StringBuilder();
    text.append("# written by parley-bench persist\n");
    text.append("include file(").append(quote(include.toAbsolutePath().toString())).append(")\n\n");
    text.append("parley {\n");
    text.append("  data-dir = ").append(quote(dataDir.toAbsolutePath().toString())).append('\n');
    text.append("  persistence {\n");
    text.append("    store = ").append(store.setting).append('\n');
    text.append("    snapshot-every = ").append(snapshotEvery).append('\n');
    postgresql.ifPresent(
        database -> {
          text.append("    postgresql {\n");
          text.append("      url = ").append(quote(database.url())).append('\n');
          text.append("      user = ").append(quote(database.user())).append('\n');
          text.append("      password = ").append(quote(database.password())).append('\n');
          text.append("    }\n");
        });
    text.append("  }\n");
    historySize.ifPresent(size -> text.append("  rooms.history-size = ").append(size).append('\n'));
    text.append("}\n");
    return text.toString();
  }

  void write(Path file) throws IOException {
    Files.writeString(file, render(), StandardCharsets.UTF_8);
  }

  // a HOCON quoted string is a JSON string
  static String quote(String value) {
    var quoted = new StringBuilder("\"");
    for (char c : value.toCharArray()) {
      switch (c) {
        case '"' -> quoted.append("\\\"");
        case '\\' -> quoted.append("\\\\");
        case '\n' -> quoted.append("\\n");
        case '\t' -> quoted.append("\\t");
        default -> {
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
        }
      }
    }
    return quoted.append('"').toString();
  }
}
