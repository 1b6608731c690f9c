package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The HTTP front door: the web client and its WebSocket, which pages may open it, and where the
 * health and metrics endpoints answer ({@code admin}, when not on the chat's own address).
 */
public record HttpSettings(
    boolean enabled, String host, int port, List<String> allowedOrigins, Optional<Address> admin) {

  /** A host and port to bind. */
  public record Address(String host, int port) {}

  public HttpSettings {
    allowedOrigins = List.copyOf(allowedOrigins);
  }

  public static HttpSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.http");
    var adminSection = new SettingsSection(config, "parley.http.admin");
    Optional<Address> admin =
        adminSection.bool("separate")
            ? Optional.of(
                new Address(adminSection.string("host"), adminSection.intInRange("port", 0, 65535)))
            : Optional.empty();
    return new HttpSettings(
        section.bool("enabled"),
        section.string("host"),
        section.intInRange("port", 0, 65535),
        section.strings("allowed-origins").stream()
            .map(origin -> normalizedOrigin(section, origin))
            .toList(),
        admin);
  }

  /** {@code scheme://host[:port]} in lower case, the form a browser's {@code Origin} header has. */
  private static String normalizedOrigin(SettingsSection section, String origin) {
    try {
      var uri = new URI(origin.trim());
      if (uri.getScheme() == null
          || uri.getHost() == null
          || !(uri.getPath() == null || uri.getPath().isEmpty())) {
        throw section.invalid(
            "allowed-origins",
            "'" + origin + "' is not an origin such as https://chat.example.org");
      }
      String port = uri.getPort() < 0 ? "" : ":" + uri.getPort();
      return (uri.getScheme() + "://" + uri.getHost() + port).toLowerCase(Locale.ROOT);
    } catch (URISyntaxException e) {
      throw section.invalid(
          "allowed-origins", "'" + origin + "' is not an origin such as https://chat.example.org");
    }
  }
}
