package dev.parley.server.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Loads the server's config as an operator gives it. Highest first: settings from the command line,
 * {@code -D} system properties, the operator's file, the built-in defaults ({@code
 * application.conf}), and the libraries' {@code reference.conf}.
 */
public final class ServerConfig {

  private ServerConfig() {}

  /**
   * @param file the operator's file, or null for the built-in defaults alone
   * @param overrides full keys to values, e.g. {@code parley.listen.port -> 7000}
   * @throws ConfigException naming the file or the key that is wrong, including a {@code parley}
   *     key that no setting has (a typo would otherwise be ignored)
   */
  public static Config load(Path file, Map<String, String> overrides) {
    Config defaults = ConfigFactory.defaultApplication();
    Config operators =
        file == null
            ? ConfigFactory.empty()
            : ConfigFactory.parseFile(
                file.toFile(), ConfigParseOptions.defaults().setAllowMissing(false));
    Config config =
        ConfigFactory.parseMap(overrides, "the command line")
            .withFallback(ConfigFactory.defaultOverrides())
            .withFallback(operators)
            .withFallback(defaults)
            .withFallback(ConfigFactory.defaultReference())
            .resolve();
    rejectUnknownSettings(config, defaults);
    ParleySettings.fromConfig(config);
    return config;
  }

  private static void rejectUnknownSettings(Config config, Config defaults) {
    Set<String> known = keys(defaults);
    for (String key : keys(config)) {
      if (!known.contains(key)) {
        throw new ConfigException.BadPath(
            config.getValue(key).origin(),
            key,
            "no such setting; see application.conf for them all");
      }
    }
  }

  private static Set<String> keys(Config config) {
    var keys = new TreeSet<String>();
    config.getConfig("parley").entrySet().forEach(entry -> keys.add("parley." + entry.getKey()));
    return keys;
  }
}
