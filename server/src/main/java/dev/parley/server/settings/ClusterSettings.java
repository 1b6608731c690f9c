package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.time.Duration;
import java.util.List;

/**
 * Whether the server is one node of a Pekko Cluster, where it listens for the other nodes, whom it
 * joins first, and how long it waits on a moving room and on an unreachable node.
 */
public record ClusterSettings(
    boolean enabled,
    String host,
    int port,
    List<String> seedNodes,
    Duration stableAfter,
    Duration sayTimeout,
    int shards) {

  public ClusterSettings {
    seedNodes = List.copyOf(seedNodes);
  }

  public static ClusterSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.cluster");
    List<String> seedNodes = section.strings("seed-nodes");
    for (String seed : seedNodes) {
      if (!seed.matches("[^:\\s]+:\\d{1,5}")) {
        throw section.invalid("seed-nodes", "each must be host:port, not '" + seed + "'");
      }
    }
    boolean enabled = section.bool("enabled");
    if (enabled && seedNodes.isEmpty()) {
      throw section.invalid("seed-nodes", "a cluster needs at least one seed node (host:port)");
    }
    return new ClusterSettings(
        enabled,
        section.string("host"),
        section.intInRange("port", 0, 65535),
        seedNodes,
        section.positiveDuration("stable-after"),
        section.positiveDuration("say-timeout"),
        section.positiveInt("shards"));
  }
}
