package dev.parley.client.files;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where a download goes without overwriting anything: the file's own name in the folder, or with
 * {@code (1)}, {@code (2)}... before its extension. A name from the server reaches no other folder.
 */
final class FreeName {

  // no folder holds more files of one name than this, before the client gives up looking
  private static final int MOST_TRIES = 10_000;

  private FreeName() {}

  /** The first of {@code name}, {@code name (1)}, ... that no file in {@code dir} has. */
  static Path in(Path dir, String name) {
    String safe = safe(name);
    Path plain = dir.resolve(safe);
    if (!Files.exists(plain)) {
      return plain;
    }
    int dot = safe.lastIndexOf('.');
    String stem = dot > 0 ? safe.substring(0, dot) : safe;
    String extension = dot > 0 ? safe.substring(dot) : "";
    for (int n = 1; n < MOST_TRIES; n++) {
      Path candidate = dir.resolve(stem + " (" + n + ")" + extension);
      if (!Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(dir + " has " + MOST_TRIES + " files named like " + safe);
  }

  /** {@code name} as one file's name: no folder separators, no control characters, not . or .. */
  static String safe(String name) {
    StringBuilder safe = new StringBuilder();
    name.codePoints()
        .forEach(
            c ->
                safe.appendCodePoint(c == '/' || c == '\\' || Character.isISOControl(c) ? '_' : c));
    String result = safe.toString().strip();
    return result.isEmpty() || result.equals(".") || result.equals("..") ? "file" : result;
  }

  /** Where a download into {@code target} keeps its bytes until they are checked. */
  static Path partOf(Path target) {
    return target.resolveSibling(target.getFileName() + ".part");
  }
}
