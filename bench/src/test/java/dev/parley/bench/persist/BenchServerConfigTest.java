package dev.parley.bench.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BenchServerConfigTest {

  @Test
  void includesTheBenchSettingsAndNamesTheStore() {
    String config =
        new BenchServerConfig(
                Path.of("/bench/bench-server.conf"),
                BenchServerConfig.Store.H2,
                Path.of("/tmp/run/data"),
                1000,
                Optional.empty(),
                Optional.empty())
            .render();

    assertTrue(config.startsWith("# written by"), config);
    assertTrue(config.contains("include file(\"/bench/bench-server.conf\")\n"), config);
    assertTrue(config.contains("  data-dir = \"/tmp/run/data\"\n"), config);
    assertTrue(config.contains("    store = h2\n    snapshot-every = 1000\n"), config);
    assertFalse(config.contains("history-size"), "the server's default history: " + config);
    assertFalse(config.contains("postgresql"), config);
  }

  @Test
  void givesTheDatabaseAndTheHistorySizeWhenThereAreSome() {
    String config =
        new BenchServerConfig(
                Path.of("/bench/bench-server.conf"),
                BenchServerConfig.Store.POSTGRESQL,
                Path.of("/tmp/run/data"),
                1_000_000_000,
                Optional.of(100_000),
                Optional.of(
                    new BenchServerConfig.PostgreSql(
                        "jdbc:postgresql://127.0.0.1:5432/parley", "postgres", "")))
            .render();

    assertTrue(config.contains("    store = postgresql\n"), config);
    assertTrue(
        config.contains("      url = \"jdbc:postgresql://127.0.0.1:5432/parley\"\n"), config);
    assertTrue(config.contains("      password = \"\"\n"), config);
    assertTrue(config.contains("  rooms.history-size = 100000\n"), config);
  }

  @Test
  void quotesAStringTheWayJsonDoes() {
    assertEquals("\"a \\\"b\\\" \\\\c\\n\"", BenchServerConfig.quote("a \"b\" \\c\n"));
  }
}
