package dev.parley.server.http;

import static org.apache.pekko.http.javadsl.server.Directives.complete;
import static org.apache.pekko.http.javadsl.server.Directives.completeWithFuture;
import static org.apache.pekko.http.javadsl.server.Directives.concat;
import static org.apache.pekko.http.javadsl.server.Directives.extractRequest;
import static org.apache.pekko.http.javadsl.server.Directives.get;
import static org.apache.pekko.http.javadsl.server.Directives.getFromFile;
import static org.apache.pekko.http.javadsl.server.Directives.head;
import static org.apache.pekko.http.javadsl.server.Directives.onSuccess;
import static org.apache.pekko.http.javadsl.server.Directives.patch;
import static org.apache.pekko.http.javadsl.server.Directives.path;
import static org.apache.pekko.http.javadsl.server.Directives.pathPrefix;
import static org.apache.pekko.http.javadsl.server.Directives.respondWithHeaders;
import static org.apache.pekko.http.javadsl.server.Directives.withoutRequestTimeout;
import static org.apache.pekko.http.javadsl.server.Directives.withoutSizeLimit;
import static org.apache.pekko.http.javadsl.server.PathMatchers.segment;

import dev.parley.server.files.AppendStart;
import dev.parley.server.files.Download;
import dev.parley.server.files.FileShelf;
import dev.parley.server.files.UploadAnswer;
import java.nio.charset.StandardCharsets;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpEntity;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.http.javadsl.server.Route;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.FileIO;

/**
 * Files over HTTP, as docs/protocol.md says: {@code HEAD} and {@code PATCH} of {@code /files/ID}
 * with the upload's token, the core of the tus protocol, each body streamed to disk as it comes;
 * {@code GET /files/ID/NAME}, with ranges, as an attachment of a type no browser runs.
 */
final class FileRoutes {

  static final String OFFSET = "Upload-Offset";
  static final String LENGTH = "Upload-Length";
  static final String TOKEN = "Upload-Token";
  static final String COMPLETE = "Upload-Complete";
  static final String UPLOAD_TYPE = "application/offset+octet-stream";

  private static final Duration ASK_TIMEOUT = Duration.ofSeconds(10);
  // a complete upload is read back for its SHA-256, then its message stored
  private static final Duration END_TIMEOUT = Duration.ofMinutes(2);

  private final ActorRef<FileShelf.Command> shelf;
  private final ActorSystem<?> system;
  private final Materializer materializer;

  FileRoutes(ActorRef<FileShelf.Command> shelf, ActorSystem<?> system) {
    this.shelf = shelf;
    this.system = system;
    this.materializer = Materializer.matFromSystem(system);
  }

  Route route() {
    return pathPrefix(
        "files",
        () ->
            concat(
                path(
                    segment(),
                    id ->
                        concat(
                            head(() -> extractRequest(request -> check(id, request))),
                            patch(
                                () ->
                                    withoutRequestTimeout(
                                        () ->
                                            withoutSizeLimit(
                                                () ->
                                                    extractRequest(
                                                        request -> append(id, request))))),
                            get(() -> download(id)))),
                path(segment().slash(segment()), (id, name) -> get(() -> download(id)))));
  }

  private Route check(String id, HttpRequest request) {
    String token = request.getHeader(TOKEN).map(HttpHeader::value).orElse(null);
    return completeWithFuture(
        AskPattern.<FileShelf.Command, UploadAnswer>ask(
                shelf,
                replyTo -> new FileShelf.CheckUpload(id, token, replyTo),
                ASK_TIMEOUT,
                system.scheduler())
            .thenApply(FileRoutes::response));
  }

  private Route append(String id, HttpRequest request) {
    String token = request.getHeader(TOKEN).map(HttpHeader::value).orElse(null);
    OptionalLong offset = offsetOf(request);
    if (offset.isEmpty()) {
      return complete(
          plain(400, "a PATCH needs the header Upload-Offset: the bytes already there"));
    }
    if (!UPLOAD_TYPE.equals(request.entity().getContentType().mediaType().toString())) {
      return complete(plain(415, "a PATCH's body has the type " + UPLOAD_TYPE));
    }
    var length = request.entity().getContentLengthOption();
    OptionalLong bodyLength =
        length.isPresent() ? OptionalLong.of(length.getAsLong()) : OptionalLong.empty();
    CompletionStage<HttpResponse> answer =
        AskPattern.<FileShelf.Command, AppendStart>ask(
                shelf,
                replyTo ->
                    new FileShelf.StartAppend(id, token, offset.getAsLong(), bodyLength, replyTo),
                ASK_TIMEOUT,
                system.scheduler())
            .thenCompose(
                start ->
                    start instanceof AppendStart.Granted granted
                        ? write(id, request.entity(), granted)
                        : CompletableFuture.completedStage(response((UploadAnswer) start)));
    return completeWithFuture(answer);
  }

  /** Streams the body to disk, at most what the file still lacks; the shelf is told its end. */
  private CompletionStage<HttpResponse> write(
      String id, HttpEntity entity, AppendStart.Granted granted) {
    var taken = new long[1];
    var beyondSize = new boolean[1];
    return entity
        .getDataBytes()
        .map(
            chunk -> {
              taken[0] += chunk.size();
              if (taken[0] > granted.remaining()) {
                beyondSize[0] = true;
                throw new IllegalStateException("beyond the declared size");
              }
              return chunk;
            })
        .runWith(
            FileIO.toPath(
                granted.part(),
                Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE),
                granted.offset()),
            materializer)
        // a body cut short keeps what reached the disk: the shelf measures it
        .handle((written, failure) -> beyondSize[0])
        .thenCompose(
            beyond ->
                AskPattern.<FileShelf.Command, UploadAnswer>ask(
                    shelf,
                    replyTo -> new FileShelf.EndAppend(id, beyond, replyTo),
                    END_TIMEOUT,
                    system.scheduler()))
        .thenApply(FileRoutes::response);
  }

  private Route download(String id) {
    return onSuccess(
        AskPattern.<FileShelf.Command, Download>ask(
            shelf, replyTo -> new FileShelf.Fetch(id, replyTo), ASK_TIMEOUT, system.scheduler()),
        download -> {
          if (download instanceof Download.Found found) {
            return respondWithHeaders(
                DownloadHeaders.of(found.name()),
                () ->
                    getFromFile(
                        found.data().toFile(), DownloadHeaders.contentType(found.contentType())));
          }
          var missing = (Download.Missing) download;
          return complete(plain(missing.status(), missing.message()));
        });
  }

  private static OptionalLong offsetOf(HttpRequest request) {
    var header = request.getHeader(OFFSET);
    if (header.isEmpty()) {
      return OptionalLong.empty();
    }
    try {
      long offset = Long.parseLong(header.get().value().trim());
      return offset < 0 ? OptionalLong.empty() : OptionalLong.of(offset);
    } catch (NumberFormatException e) {
      return OptionalLong.empty();
    }
  }

  private static HttpResponse response(UploadAnswer answer) {
    var headers = new ArrayList<HttpHeader>();
    headers.add(RawHeader.create("Cache-Control", "no-store"));
    headers.add(RawHeader.create("Tus-Resumable", "1.0.0"));
    if (answer.offset() >= 0) {
      headers.add(RawHeader.create(OFFSET, Long.toString(answer.offset())));
    }
    if (answer.length() >= 0) {
      headers.add(RawHeader.create(LENGTH, Long.toString(answer.length())));
    }
    if (answer.complete()) {
      headers.add(RawHeader.create(COMPLETE, "?1"));
    }
    HttpResponse response = HttpResponse.create().withStatus(answer.status()).addHeaders(headers);
    return answer.message().isEmpty() ? response : response.withEntity(text(answer.message()));
  }

  private static HttpResponse plain(int status, String message) {
    return HttpResponse.create()
        .withStatus(status)
        .addHeaders(List.of(RawHeader.create("Cache-Control", "no-store")))
        .withEntity(text(message));
  }

  private static HttpEntity.Strict text(String message) {
    ContentType type = ContentTypes.TEXT_PLAIN_UTF8;
    return HttpEntities.create(type, (message + "\n").getBytes(StandardCharsets.UTF_8));
  }
}
