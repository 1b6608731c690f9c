package dev.parley.server.settings;

import com.typesafe.config.Config;

/** How many users who left the server still remembers for {@code users}. */
public record PresenceSettings(int rememberedUsers) {

  public static PresenceSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.presence");
    return new PresenceSettings(section.intInRange("remembered-users", 0, Integer.MAX_VALUE));
  }
}
