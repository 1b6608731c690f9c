package dev.parley.client.files;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What the client's file sharing tells the user: transfers starting, going on, trying again,
 * ending, and the files shared with them. {@code transfer} numbers one upload or download of this
 * session.
 */
public sealed interface FileEvent {

  enum Direction {
    UP,
    DOWN
  }

  /** The server gave a slot: {@code name} goes up to {@code where} (#room or a nick). */
  record Sending(long transfer, String name, long size, String where) implements FileEvent {}

  /** A download begins into {@code to}, from byte {@code from} of a partial one kept before. */
  record Receiving(long transfer, String name, long size, Path to, long from)
      implements FileEvent {}

  /**
   * {@code done} of {@code size} bytes are through, at {@code bytesPerSecond}; {@code left} is null
   * while the rate is not known yet.
   */
  record Progress(
      long transfer,
      Direction direction,
      String name,
      long done,
      long size,
      double bytesPerSecond,
      Duration left)
      implements FileEvent {}

  /** A request failed for {@code why}: try {@code attempt} of {@code of} goes in {@code in}. */
  record Retrying(
      long transfer,
      Direction direction,
      String name,
      long done,
      String why,
      int attempt,
      int of,
      Duration in)
      implements FileEvent {}

  /** The server took the whole file and shared it with {@code where}. */
  record Sent(long transfer, String name, long size, String where, Duration took)
      implements FileEvent {}

  /** The whole file is at {@code path}, its SHA-256 as announced. */
  record Received(long transfer, String name, long size, Path path, Duration took)
      implements FileEvent {}

  /**
   * {@code name} did not go up or come down, for {@code reason}; {@code transfer} 0: none began.
   */
  record Failed(long transfer, Direction direction, String name, String reason)
      implements FileEvent {}

  /** The files shared with the user this session, as /files asks; the oldest first. */
  record Listed(List<SeenFile> files) implements FileEvent {
    public Listed {
      files = List.copyOf(files);
    }
  }
}
