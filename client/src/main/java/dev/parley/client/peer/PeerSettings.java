package dev.parley.client.peer;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How the client talks to another one directly, from {@code parley.client.private}: where it
 * listens, how long a direct connection may take before the client falls back to the server, and
 * how files travel and where they land, and how long the server may take to answer.
 */
public record PeerSettings(
    String bindHost,
    int port,
    int advertisedPort,
    Duration connectTimeout,
    Path downloads,
    int fileChunkBytes,
    int fileWindow,
    long maxFileBytes,
    int maxLineBytes,
    int outgoingLines,
    Duration progressInterval,
    Duration answerTimeout) {

  // a chunk's line: base64 takes a third more, and its fields a little
  private static final int CHUNK_LINE_OVERHEAD = 256;

  public static PeerSettings fromConfig(Config config) {
    Config section = config.getConfig("parley.client.private");
    int chunk = bytesInRange(section, "file-chunk", 1024, 1024 * 1024);
    int maxLine = bytesInRange(section, "max-line-bytes", 1024, 64 * 1024 * 1024);
    if (maxLine < chunk / 3 * 4 + 4 + CHUNK_LINE_OVERHEAD) {
      throw bad(section, "max-line-bytes", "must hold a line of file-chunk bytes in base64");
    }
    return new PeerSettings(
        section.getString("bind-host"),
        intInRange(section, "port", 0, 65535),
        intInRange(section, "advertised-port", 0, 65535),
        positive(section, "connect-timeout"),
        Path.of(section.getString("downloads")),
        chunk,
        intInRange(section, "file-window", 1, 1024),
        section.getBytes("max-file-size"),
        maxLine,
        intInRange(section, "outgoing-lines", 16, 1_000_000),
        positive(section, "progress-interval"),
        positive(section, "answer-timeout"));
  }

  /** The port to tell the other: the advertised one, or the one listened on. */
  public int portToTell(int listening) {
    return advertisedPort == 0 ? listening : advertisedPort;
  }

  private static int intInRange(Config section, String key, int min, int max) {
    int value = section.getInt(key);
    if (value < min || value > max) {
      throw bad(section, key, "must be from " + min + " to " + max + ", not " + value);
    }
    return value;
  }

  private static int bytesInRange(Config section, String key, int min, int max) {
    long value = section.getBytes(key);
    if (value < min || value > max) {
      throw bad(section, key, "must be from " + min + " to " + max + " bytes, not " + value);
    }
    return (int) value;
  }

  private static Duration positive(Config section, String key) {
    Duration value = section.getDuration(key);
    if (value.isNegative() || value.isZero()) {
      throw bad(section, key, "must be a positive duration, not " + value);
    }
    return value;
  }

  private static ConfigException bad(Config section, String key, String why) {
    return new ConfigException.BadValue(
        section.getValue(key).origin(), "parley.client.private." + key, why);
  }
}
