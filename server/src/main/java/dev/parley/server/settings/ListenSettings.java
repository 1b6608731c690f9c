package dev.parley.server.settings;

import com.typesafe.config.Config;

/** Where the TCP listener binds, and how many connections it holds at once, and per address. */
public record ListenSettings(
    String host, int port, int maxConnections, int maxConnectionsPerAddress) {

  public static ListenSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.listen");
    return new ListenSettings(
        section.string("host"),
        section.intInRange("port", 0, 65535),
        section.positiveInt("max-connections"),
        section.positiveInt("max-connections-per-address"));
  }
}
