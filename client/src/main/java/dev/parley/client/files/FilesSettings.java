package dev.parley.client.files;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.parley.client.connection.Backoff;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How files go up and come down, from {@code parley.client.files}; {@code downloadDir} null: the
 * current directory.
 */
public record FilesSettings(
    long chunkSize,
    Path downloadDir,
    int retries,
    Backoff backoff,
    Duration connectTimeout,
    Duration requestTimeout,
    Duration progressInterval,
    int transfersAtOnce) {

  private static final long MIN_CHUNK = 64 * 1024;
  private static final long MAX_CHUNK = 1024L * 1024 * 1024;

  public static FilesSettings fromConfig(Config config) {
    Config files = config.getConfig("parley.client.files");
    String dir = files.getString("download-dir");
    return new FilesSettings(
        within(files, "chunk-size", files.getBytes("chunk-size"), MIN_CHUNK, MAX_CHUNK),
        dir.isBlank() ? null : Path.of(dir),
        (int) within(files, "retries", files.getInt("retries"), 0, 100),
        new Backoff(files.getDuration("min-backoff"), files.getDuration("max-backoff"), 0.2),
        positive(files, "connect-timeout"),
        positive(files, "request-timeout"),
        positive(files, "progress-interval"),
        (int) within(files, "transfers-at-once", files.getInt("transfers-at-once"), 1, 16));
  }

  /** Where /get puts a file when no path is given. */
  public Path downloadDirOrCurrent() {
    return downloadDir == null ? Path.of("").toAbsolutePath() : downloadDir;
  }

  private static long within(Config files, String key, long value, long min, long max) {
    if (value < min || value > max) {
      throw new ConfigException.BadValue(
          files.getValue(key).origin(),
          "parley.client.files." + key,
          "must be from " + min + " to " + max + ", not " + value);
    }
    return value;
  }

  private static Duration positive(Config files, String key) {
    Duration duration = files.getDuration(key);
    if (duration.isNegative() || duration.isZero()) {
      throw new ConfigException.BadValue(
          files.getValue(key).origin(), "parley.client.files." + key, "must be more than 0");
    }
    return duration;
  }
}
