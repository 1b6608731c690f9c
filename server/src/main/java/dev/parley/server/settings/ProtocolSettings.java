package dev.parley.server.settings;

import com.typesafe.config.Config;

/** The sizes of what a client may send. */
public record ProtocolSettings(
    int maxFrameBytes, int maxTextChars, int maxTopicBytes, int maxAwayBytes) {

  public static ProtocolSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.protocol");
    return new ProtocolSettings(
        section.positiveBytes("max-frame-bytes"),
        section.positiveInt("max-text-chars"),
        section.positiveBytes("max-topic-bytes"),
        section.positiveBytes("max-away-bytes"));
  }
}
