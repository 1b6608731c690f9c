package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Files shared over the HTTP door: where they are kept, how large they and everyone's together may
 * be, who may share them, how long they stay, and the address they are shared at ({@code
 * publicUrl}; empty: the HTTP door's own).
 */
public record FilesSettings(
    boolean enabled,
    Path dir,
    long maxFileSize,
    long quotaPerAccount,
    long quotaPerAddress,
    long diskBudget,
    boolean allowGuests,
    Duration expireAfter,
    Duration uploadTimeout,
    Optional<String> publicUrl) {

  public static FilesSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.files");
    String dir = section.string("dir");
    String publicUrl = section.string("public-url").strip();
    while (publicUrl.endsWith("/")) {
      publicUrl = publicUrl.substring(0, publicUrl.length() - 1);
    }
    if (!publicUrl.isEmpty() && !publicUrl.matches("(?i)https?://[^/?#\\s]+(/[^?#\\s]*)?")) {
      throw section.invalid(
          "public-url", "'" + publicUrl + "' is no address such as https://chat.example.org");
    }
    return new FilesSettings(
        section.bool("enabled"),
        dir.isBlank()
            ? Path.of(config.getString("parley.data-dir")).resolve("files")
            : Path.of(dir),
        section.positiveLongBytes("max-file-size"),
        section.positiveLongBytes("quota-per-account"),
        section.positiveLongBytes("quota-per-address"),
        section.positiveLongBytes("disk-budget"),
        section.bool("allow-guests"),
        section.positiveDuration("expire-after"),
        section.positiveDuration("upload-timeout"),
        publicUrl.isEmpty() ? Optional.empty() : Optional.of(publicUrl));
  }
}
