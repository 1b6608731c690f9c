package dev.parley.client.files;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.OptionalLong;
import java.util.function.Supplier;

/**
 * The server's HTTP door as uploads and downloads use it, docs/protocol.md's Files: {@code HEAD}
 * and {@code PATCH} of an upload with its token, {@code GET} of a file from a byte on.
 */
final class HttpDoor {

  static final String OFFSET = "Upload-Offset";
  static final String TOKEN = "Upload-Token";
  static final String COMPLETE = "Upload-Complete";
  static final String UPLOAD_TYPE = "application/offset+octet-stream";

  /**
   * An answer about an upload: {@code offset}, the bytes the server has, when it said; {@code
   * message} the plain text of a refusal.
   */
  record UploadAnswer(int status, OptionalLong offset, boolean complete, String message) {}

  private final HttpClient http;
  private final FilesSettings settings;

  HttpDoor(FilesSettings settings) {
    this.settings = settings;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  /** How far upload {@code url} got. */
  UploadAnswer head(URI url, String token) throws IOException, InterruptedException {
    var request =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header(TOKEN, token)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build();
    return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** Appends the {@code length} bytes that {@code body} gives at {@code offset} of the upload. */
  UploadAnswer patch(URI url, String token, long offset, long length, Supplier<InputStream> body)
      throws IOException, InterruptedException {
    var publisher =
        length == 0
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.fromPublisher(
                HttpRequest.BodyPublishers.ofInputStream(body), length);
    var request =
        HttpRequest.newBuilder(url)
            .timeout(settings.requestTimeout())
            .header(TOKEN, token)
            .header(OFFSET, Long.toString(offset))
            .header("Tus-Resumable", "1.0.0")
            .header("Content-Type", UPLOAD_TYPE)
            .method("PATCH", publisher)
            .build();
    return answer(http.send(request, HttpResponse.BodyHandlers.ofString()));
  }

  /** The file at {@code url} from byte {@code from} on; its body is to be read and closed. */
  HttpResponse<InputStream> get(URI url, long from) throws IOException, InterruptedException {
    var request = HttpRequest.newBuilder(url).timeout(settings.requestTimeout()).GET();
    if (from > 0) {
      request.header("Range", "bytes=" + from + "-");
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
  }

  private static UploadAnswer answer(HttpResponse<String> response) {
    OptionalLong offset = response.headers().firstValueAsLong(OFFSET);
    boolean complete = response.headers().firstValue(COMPLETE).map("?1"::equals).orElse(false);
    String body = response.body() == null ? "" : response.body().strip();
    return new UploadAnswer(response.statusCode(), offset, complete, body);
  }
}
