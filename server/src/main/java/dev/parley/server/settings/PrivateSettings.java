package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.time.Duration;

/**
 * How the server introduces two clients for a private conversation: how long an offer waits for its
 * answer, how many one user may have waiting, and how large a relayed {@code signal} may be.
 */
public record PrivateSettings(Duration offerTimeout, int maxOpenOffers, int maxSignalBytes) {

  public static PrivateSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.private");
    return new PrivateSettings(
        section.positiveDuration("offer-timeout"),
        section.positiveInt("max-open-offers"),
        section.positiveBytes("max-signal-bytes"));
  }
}
