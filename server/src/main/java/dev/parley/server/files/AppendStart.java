package dev.parley.server.files;

import java.nio.file.Path;

/** What a {@code PATCH} may do: write ({@link Granted}), or be answered at once. */
public sealed interface AppendStart permits AppendStart.Granted, UploadAnswer {

  /** Write the body into {@code part} from {@code offset} on, at most {@code remaining} bytes. */
  record Granted(Path part, long offset, long remaining) implements AppendStart {}
}
