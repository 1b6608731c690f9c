package dev.parley.server.http;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;

/**
 * How a shared file is served: always as an attachment, under the type its uploader declared only
 * when it is one that no browser runs as a page or script, and under a policy that allows it
 * nothing, so that no upload can act as a page of the chat's origin.
 */
final class DownloadHeaders {

  // SVG is an image that runs scripts; HTML, XML and the rest are application/octet-stream
  private static final Set<String> SAFE_TYPES =
      Set.of(
          "image/png",
          "image/jpeg",
          "image/gif",
          "image/webp",
          "image/avif",
          "image/bmp",
          "audio/mpeg",
          "audio/ogg",
          "audio/wav",
          "audio/webm",
          "audio/flac",
          "video/mp4",
          "video/webm",
          "video/ogg",
          "application/pdf",
          "application/zip",
          "application/gzip");

  private DownloadHeaders() {}

  static ContentType contentType(String declared) {
    if ("text/plain".equals(declared)) {
      return ContentTypes.TEXT_PLAIN_UTF8;
    }
    if (SAFE_TYPES.contains(declared)) {
      return ContentTypes.parse(declared);
    }
    return binary();
  }

  static List<HttpHeader> of(String name) {
    return List.of(
        RawHeader.create("Content-Disposition", disposition(name)),
        RawHeader.create("X-Content-Type-Options", "nosniff"),
        RawHeader.create("Content-Security-Policy", "default-src 'none'; sandbox"),
        RawHeader.create("Cross-Origin-Resource-Policy", "same-origin"),
        RawHeader.create("Referrer-Policy", "no-referrer"));
  }

  /** RFC 6266: an ASCII name for old clients, and the name itself in RFC 5987's encoding. */
  static String disposition(String name) {
    var ascii = new StringBuilder();
    name.codePoints()
        .forEach(
            c ->
                ascii.append(
                    c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' ? (char) c : '_'));
    String encoded = URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
  }

  private static ContentType binary() {
    return ContentTypes.APPLICATION_OCTET_STREAM;
  }
}
