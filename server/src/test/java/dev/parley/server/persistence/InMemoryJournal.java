package dev.parley.server.persistence;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.persistence.testkit.PersistenceTestKitPlugin;
import org.apache.pekko.persistence.testkit.PersistenceTestKitSnapshotPlugin;

/** Pekko's in-memory journal and snapshot store, for tests of one actor in an ActorTestKit. */
public final class InMemoryJournal {

  private InMemoryJournal() {}

  /** The test resource {@code resource} with the in-memory journal and snapshot store. */
  public static Config over(String resource) {
    return PersistenceTestKitPlugin.config()
        .withFallback(PersistenceTestKitSnapshotPlugin.config())
        .withFallback(ConfigFactory.load(resource));
  }
}
