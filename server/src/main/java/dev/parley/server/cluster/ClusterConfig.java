package dev.parley.server.cluster;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.server.settings.ClusterSettings;
import dev.parley.server.settings.PersistenceSettings;
import java.util.List;
import java.util.Map;

/** Pekko's settings for a server that is a node of a cluster, from {@code parley.cluster}. */
public final class ClusterConfig {

  /** The actor system's name: a node joins only nodes of a system of the same name. */
  public static final String SYSTEM_NAME = "parley";

  private ClusterConfig() {}

  /**
   * Refuses a store that only one process can use.
   *
   * @throws IllegalStateException saying which store to take instead
   */
  public static void requireSharedStore(PersistenceSettings persistence) {
    if (persistence.store() != PersistenceSettings.Store.POSTGRESQL) {
      throw new IllegalStateException(
          "parley.cluster.enabled needs parley.persistence.store = postgresql: the "
              + persistence.store().name().toLowerCase(java.util.Locale.ROOT)
              + " store cannot be shared by several servers");
    }
  }

  /** Cluster membership, sharding and downing, for a node as {@code settings} place it. */
  public static Config of(ClusterSettings settings) {
    List<String> seeds =
        settings.seedNodes().stream().map(seed -> "pekko://" + SYSTEM_NAME + "@" + seed).toList();
    String stableAfter = settings.stableAfter().toMillis() + "ms";
    return ConfigFactory.parseMap(
        Map.ofEntries(
            Map.entry("pekko.actor.provider", "cluster"),
            Map.entry("pekko.remote.artery.canonical.hostname", settings.host()),
            Map.entry("pekko.remote.artery.canonical.port", settings.port()),
            Map.entry("pekko.cluster.seed-nodes", seeds),
            Map.entry(
                "pekko.cluster.downing-provider-class",
                "org.apache.pekko.cluster.sbr.SplitBrainResolverProvider"),
            Map.entry("pekko.cluster.split-brain-resolver.active-strategy", "keep-majority"),
            Map.entry("pekko.cluster.split-brain-resolver.stable-after", stableAfter),
            Map.entry("pekko.cluster.sharding.number-of-shards", settings.shards()),
            // a room keeps its members only in memory: it must not stop while it has any
            Map.entry("pekko.cluster.sharding.passivation.strategy", "none"),
            // a rebalance that began while a node was unreachable waits on that node's hand-off:
            // its rooms start elsewhere only after this, not after Pekko's default minute
            Map.entry("pekko.cluster.sharding.handoff-timeout", "5s"),
            // a node that joins takes its part of the rooms in one round, not one per 10 s
            Map.entry(
                "pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-absolute-limit",
                20),
            Map.entry(
                "pekko.cluster.sharding.least-shard-allocation-strategy.rebalance-relative-limit",
                0.5)),
        "parley.cluster");
  }
}
