package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.nio.file.Path;

/** Whether and where room messages and notices are written down, and how the files roll. */
public record TranscriptSettings(
    boolean enabled, Path file, long maxFileSize, int maxHistoryDays, int queueSize) {

  public static TranscriptSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.transcript");
    return new TranscriptSettings(
        section.bool("enabled"),
        Path.of(section.string("file")),
        section.positiveBytes("max-file-size"),
        section.positiveInt("max-history"),
        section.positiveInt("queue-size"));
  }
}
