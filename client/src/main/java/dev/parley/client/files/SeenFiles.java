package dev.parley.client.files;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files shared with the user that this client saw this session, in rooms (replays and history
 * too) and in direct messages (offline mail too), by id; the latest message of a file tells whether
 * it expired. Belongs to the {@link FileSharing} actor.
 */
final class SeenFiles {

  /** What an id the user typed names. */
  sealed interface Lookup permits Found, NotSeen, Ambiguous {}

  record Found(SeenFile seen) implements Lookup {}

  enum NotSeen implements Lookup {
    INSTANCE
  }

  record Ambiguous(List<SeenFile> candidates) implements Lookup {}

  private final Map<String, SeenFile> files = new LinkedHashMap<>();

  void saw(ServerFrame.Message message) {
    if (message.file() != null && message.file().id() != null) {
      note(new SeenFile(message.file(), message.from(), message.room(), message.ts()));
    }
  }

  void saw(ServerFrame.Direct direct) {
    if (direct.file() != null && direct.file().id() != null) {
      note(new SeenFile(direct.file(), direct.from(), null, direct.ts()));
    }
  }

  private void note(SeenFile seen) {
    String id = seen.file().id().toLowerCase(Locale.ROOT);
    SeenFile before = files.get(id);
    // a replay of a file seen expired before does not bring it back
    if (before != null
        && Boolean.TRUE.equals(before.file().expired())
        && !Boolean.TRUE.equals(seen.file().expired())) {
      return;
    }
    files.put(id, seen);
  }

  List<SeenFile> all() {
    return List.copyOf(files.values());
  }

  /** The file whose id is {@code typed}, or starts with it. */
  Lookup find(String typed) {
    String prefix = typed.toLowerCase(Locale.ROOT);
    SeenFile exact = files.get(prefix);
    if (exact != null) {
      return new Found(exact);
    }
    List<SeenFile> matching = new ArrayList<>();
    files.forEach(
        (id, seen) -> {
          if (id.startsWith(prefix)) {
            matching.add(seen);
          }
        });
    if (matching.isEmpty()) {
      return NotSeen.INSTANCE;
    }
    return matching.size() == 1 ? new Found(matching.get(0)) : new Ambiguous(matching);
  }
}
