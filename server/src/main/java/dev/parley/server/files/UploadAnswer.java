package dev.parley.server.files;

/**
 * An HTTP answer about an upload: {@code offset} the bytes there and {@code length} the declared
 * size, each -1 when not to be told; {@code complete}: the file is shared.
 */
public record UploadAnswer(int status, String message, long offset, long length, boolean complete)
    implements AppendStart {

  static UploadAnswer refused(int status, String message) {
    return new UploadAnswer(status, message, -1, -1, false);
  }
}
