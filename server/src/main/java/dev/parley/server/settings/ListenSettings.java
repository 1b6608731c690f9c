package dev.parley.server.settings;

import com.typesafe.config.Config;

/**
 * Where the TCP listener binds, how many new connections the kernel queues for it and how much it
 * buffers of each one's output ({@code sendBufferBytes}, 0 for the system's choice); how many
 * connections the server holds at once, per address, and of those that have not said hello yet.
 */
public record ListenSettings(
    String host,
    int port,
    int backlog,
    int sendBufferBytes,
    int maxConnections,
    int maxConnectionsPerAddress,
    int maxConnectionsBeforeHello) {

  public static ListenSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.listen");
    return new ListenSettings(
        section.string("host"),
        section.intInRange("port", 0, 65535),
        section.positiveInt("backlog"),
        section.bytesOrZero("send-buffer"),
        section.positiveInt("max-connections"),
        section.positiveInt("max-connections-per-address"),
        section.positiveInt("max-connections-before-hello"));
  }
}
