package dev.parley.server.files;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.settings.FilesSettings;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** What an {@code upload} must be before anyone is asked about it, as docs/protocol.md says. */
final class UploadRequestCheck {

  static final String DEFAULT_CONTENT_TYPE = "application/octet-stream";
  private static final int MOST_NAME_CHARS = 255;
  private static final Pattern SHA256 = Pattern.compile("[0-9a-fA-F]{64}");
  private static final Pattern CONTENT_TYPE =
      Pattern.compile(
          "[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,63}/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}");

  private UploadRequestCheck() {}

  /** The refusal of {@code upload}, or nothing when it may go on. */
  static Optional<ServerFrame.Error> refusal(ClientFrame.Upload upload, FilesSettings settings) {
    var re = upload.id();
    Optional<String> nameProblem = ProtocolRules.textProblem(upload.name(), MOST_NAME_CHARS);
    if (nameProblem.isPresent()) {
      return error(re, ErrorCode.BAD_REQUEST, "field 'name': " + nameProblem.get());
    }
    if (upload.name().contains("\n")
        || upload.name().contains("/")
        || upload.name().contains("\\")
        || upload.name().equals(".")
        || upload.name().equals("..")) {
      return error(
          re, ErrorCode.BAD_REQUEST, "field 'name' is a file's name: no newline, '/' or '\\'");
    }
    if (!SHA256.matcher(upload.sha256()).matches()) {
      return error(re, ErrorCode.BAD_REQUEST, "field 'sha256' must be 64 hex digits");
    }
    if (upload.contentType() != null && !CONTENT_TYPE.matcher(upload.contentType()).matches()) {
      return error(
          re, ErrorCode.BAD_REQUEST, "field 'content_type' must be a type such as image/png");
    }
    if (upload.size() > settings.maxFileSize()) {
      return error(
          re,
          ErrorCode.FILE_TOO_LARGE,
          "a file may have at most "
              + StoredFile.humanSize(settings.maxFileSize())
              + " on this server, not "
              + StoredFile.humanSize(upload.size()));
    }
    return Optional.empty();
  }

  static String contentTypeOf(ClientFrame.Upload upload) {
    return upload.contentType() == null
        ? DEFAULT_CONTENT_TYPE
        : upload.contentType().toLowerCase(Locale.ROOT);
  }

  private static Optional<ServerFrame.Error> error(FrameId re, ErrorCode code, String message) {
    return Optional.of(new ServerFrame.Error(re, code, message, null));
  }
}
