package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.time.Duration;

/** The limits one connection lives under. */
public record SessionSettings(
    Duration helloTimeout,
    Duration idleTimeout,
    int maxFramesBeforeWelcome,
    int maxBadFrames,
    Duration badFramesWindow,
    int floodBurst,
    int floodRatePerSecond,
    int maxPendingOutput,
    Duration catchUpTime,
    int maxKeptOutput,
    long maxTotalKeptOutput,
    int maxWriteBytes,
    Duration stallTimeout,
    int maxSaysInFlight) {

  public static SessionSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.session");
    return new SessionSettings(
        section.positiveDuration("hello-timeout"),
        section.positiveDuration("idle-timeout"),
        section.positiveInt("max-frames-before-welcome"),
        section.positiveInt("max-bad-frames"),
        section.positiveDuration("bad-frames-window"),
        section.positiveInt("flood-burst"),
        section.positiveInt("flood-rate-per-second"),
        section.positiveBytes("max-pending-output"),
        section.nonNegativeDuration("catch-up-time"),
        section.positiveBytes("max-kept-output"),
        section.positiveLongBytes("max-total-kept-output"),
        section.positiveBytes("max-write-bytes"),
        section.positiveDuration("stall-timeout"),
        section.positiveInt("max-says-in-flight"));
  }
}
