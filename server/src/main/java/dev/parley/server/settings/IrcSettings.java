package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.util.Optional;

/**
 * The IRC front door: where it listens (in cleartext, and with TLS while {@code parley.tls} is on),
 * and the server password its clients send with {@code PASS}, if it has one.
 */
public record IrcSettings(
    boolean enabled, String host, int port, int tlsPort, Optional<String> password) {

  public static IrcSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.irc");
    String password = section.string("password");
    return new IrcSettings(
        section.bool("enabled"),
        section.string("host"),
        section.intInRange("port", 0, 65535),
        section.intInRange("tls-port", 0, 65535),
        password.isEmpty() ? Optional.empty() : Optional.of(password));
  }

  @Override
  public String toString() {
    return "IrcSettings[enabled="
        + enabled
        + ", host="
        + host
        + ", port="
        + port
        + ", tlsPort="
        + tlsPort
        + ", password="
        + (password.isPresent() ? "(set)" : "(none)")
        + "]";
  }
}
