package dev.parley.client.files;

import dev.parley.protocol.SharedFile;
import java.time.Instant;

/**
 * A file shared with the user, as its latest message showed it: from {@code from}, in {@code room}
 * (null: a direct message), announced at {@code ts}.
 */
public record SeenFile(SharedFile file, String from, String room, Instant ts) {

  /** How many of an id's hex digits the client shows: enough to tell files apart, short to type. */
  public static final int SHORT_ID = 8;

  public String shortId() {
    return shortId(file.id());
  }

  public static String shortId(String id) {
    return id == null || id.length() <= SHORT_ID ? String.valueOf(id) : id.substring(0, SHORT_ID);
  }
}
