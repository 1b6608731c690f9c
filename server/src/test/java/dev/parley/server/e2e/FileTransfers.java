package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.US_ASCII;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Random;

/** The HTTP half of sharing a file, as a client does it: slots' uploads, and downloads. */
final class FileTransfers {

  static final String UPLOAD_TYPE = "application/offset+octet-stream";
  private static final Duration TIMEOUT = Duration.ofSeconds(20);
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(TIMEOUT).version(HttpClient.Version.HTTP_1_1).build();

  private FileTransfers() {}

  /** A server of {@code configResource} whose files go to a new temporary folder. */
  static RunningServer serverWithFiles(String configResource) {
    Path folder = temporaryFolder();
    return new RunningServer(configResource, () -> Map.of("parley.files.dir", folder.toString()));
  }

  static Path temporaryFolder() {
    try {
      return Files.createTempDirectory("parley-files-e2e");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static byte[] bytes(int size, long seed) {
    var bytes = new byte[size];
    new Random(seed).nextBytes(bytes);
    return bytes;
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A {@code PATCH} of {@code body} at {@code offset}, with {@code token}. */
  static HttpResponse<String> patch(
      ServerFrame.UploadSlot slot, String token, long offset, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(slot.url()))
            .timeout(TIMEOUT)
            .header("Upload-Token", token)
            .header("Upload-Offset", Long.toString(offset))
            .header("Content-Type", UPLOAD_TYPE)
            .method("PATCH", HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  static HttpResponse<String> patch(ServerFrame.UploadSlot slot, long offset, byte[] body) {
    return patch(slot, slot.token(), offset, body);
  }

  /** Uploads all of {@code bytes} in one {@code PATCH}, which must share the file. */
  static void uploadAll(ServerFrame.UploadSlot slot, byte[] bytes) {
    var answer = patch(slot, 0, bytes);
    assertEquals(204, answer.statusCode(), answer.body());
    assertEquals("?1", answer.headers().firstValue("Upload-Complete").orElse(null));
  }

  static HttpResponse<String> head(ServerFrame.UploadSlot slot, String token) {
    return send(
        HttpRequest.newBuilder(URI.create(slot.url()))
            .timeout(TIMEOUT)
            .header("Upload-Token", token)
            .method("HEAD", HttpRequest.BodyPublishers.noBody())
            .build());
  }

  static long offset(HttpResponse<?> answer) {
    return Long.parseLong(answer.headers().firstValue("Upload-Offset").orElse("-1"));
  }

  static HttpResponse<byte[]> get(String url, String... headers) {
    var request = HttpRequest.newBuilder(URI.create(url)).timeout(TIMEOUT).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    try {
      return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * A {@code PATCH} that says it brings {@code declared} bytes but sends only {@code sent}, then
   * the connection is cut, as a client's that lost its network.
   */
  static void patchCutShort(ServerFrame.UploadSlot slot, byte[] sent, long declared) {
    URI url = URI.create(slot.url());
    try (var socket = new Socket(url.getHost(), url.getPort())) {
      String head =
          "PATCH "
              + url.getRawPath()
              + " HTTP/1.1\r\nHost: "
              + url.getHost()
              + ":"
              + url.getPort()
              + "\r\nUpload-Token: "
              + slot.token()
              + "\r\nUpload-Offset: 0\r\nContent-Type: "
              + UPLOAD_TYPE
              + "\r\nContent-Length: "
              + declared
              + "\r\n\r\n";
      socket.getOutputStream().write(head.getBytes(US_ASCII));
      socket.getOutputStream().write(sent);
      socket.getOutputStream().flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code PATCH} whose body comes in chunks, with no length said beforehand. */
  static HttpResponse<String> patchStreamed(ServerFrame.UploadSlot slot, long offset, byte[] body) {
    return send(
        HttpRequest.newBuilder(URI.create(slot.url()))
            .timeout(TIMEOUT)
            .header("Upload-Token", slot.token())
            .header("Upload-Offset", Long.toString(offset))
            .header("Content-Type", UPLOAD_TYPE)
            .method(
                "PATCH",
                HttpRequest.BodyPublishers.ofInputStream(
                    () -> (InputStream) new java.io.ByteArrayInputStream(body)))
            .build());
  }

  static HttpResponse<String> send(HttpRequest request) {
    try {
      return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
