package dev.parley.protocol;

import java.time.Instant;

/**
 * A file shared in a room or with one person, as a {@code message} or {@code direct} carries it:
 * {@code url} is where to download it, absent once it {@code expired} (true, or absent while it is
 * there).
 */
public record SharedFile(
    String id,
    String name,
    long size,
    String contentType,
    String sha256,
    String url,
    Instant expires,
    Boolean expired) {

  /** The same file, said to be gone: no url any more. */
  public SharedFile asExpired() {
    return new SharedFile(id, name, size, contentType, sha256, null, expires, Boolean.TRUE);
  }

  public boolean hasExpired(Instant now) {
    return Boolean.TRUE.equals(expired) || !expires.isAfter(now);
  }
}
