package dev.parley.server.files;

import dev.parley.protocol.SharedFile;
import java.time.Instant;
import java.util.Locale;

/**
 * A file shared, or being uploaded: who shares it (nick, canonical account or null for a guest,
 * address), what it is, where it is downloaded, when it goes, and the SHA-256 of its upload token.
 * Kept beside the file's bytes as JSON once it is complete.
 */
record StoredFile(
    String id,
    String owner,
    String ownerAccount,
    String address,
    String name,
    long size,
    String contentType,
    String sha256,
    String url,
    Instant created,
    Instant expires,
    String tokenHash) {

  /** The file as a message carries it. */
  SharedFile shared() {
    return new SharedFile(id, name, size, contentType, sha256, url, expires, null);
  }

  /** The text of its message for clients that know nothing of files. */
  String announcement() {
    return "shared " + name + " (" + humanSize(size) + "): " + url;
  }

  static String humanSize(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return (value < 10
            ? String.format(Locale.ROOT, "%.1f", value)
            : String.format(Locale.ROOT, "%.0f", value))
        + " "
        + units[unit];
  }
}
