package dev.parley.client.files;

import dev.parley.client.files.FileEvent.Direction;
import dev.parley.protocol.SharedFile;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One shared file coming down into {@code target}: its bytes gather in {@code target.part}, which a
 * failed or cut request leaves for the next try to go on from ({@code Range}); at the end the
 * part's SHA-256 must be the announced one, and only then does it take the target's name (or the
 * next free one). Runs on a thread of its own: {@link #run()} blocks until the end.
 */
final class FileDownload {

  private static final int BUFFER = 64 * 1024;

  private final long transfer;
  private final SharedFile file;
  private final Path target;
  private final Path part;
  private final FilesSettings settings;
  private final HttpDoor door;
  private final RetryPause pause;
  private final Consumer<FileEvent> tell;
  private int failures;

  FileDownload(
      long transfer,
      SharedFile file,
      Path target,
      FilesSettings settings,
      HttpDoor door,
      RetryPause pause,
      Consumer<FileEvent> tell) {
    this.transfer = transfer;
    this.file = file;
    this.target = target;
    this.part = FreeName.partOf(target);
    this.settings = settings;
    this.door = door;
    this.pause = pause;
    this.tell = tell;
  }

  /** Downloads the file; the last event: {@link FileEvent.Received} or {@link FileEvent.Failed}. */
  FileEvent run() throws InterruptedException {
    long started = System.nanoTime();
    long have;
    try {
      have = Files.exists(part) ? Files.size(part) : 0;
    } catch (IOException e) {
      return failed("cannot read " + part + ": " + FileUpload.reason(e));
    }
    if (have > file.size()) {
      have = 0;
    }
    tell.accept(new FileEvent.Receiving(transfer, file.name(), file.size(), target, have));
    var meter = new ProgressMeter(file.size(), settings.progressInterval(), started, have);
    URI url = URI.create(file.url());
    try (var channel =
        FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.truncate(have);
      while (have < file.size()) {
        try {
          HttpResponse<InputStream> response = door.get(url, have);
          try (InputStream body = response.body()) {
            int status = response.statusCode();
            if (status == 200) {
              // the whole file, from its first byte
              have = 0;
              channel.truncate(0);
            } else if (status != 206 || !rangeStartsAt(response, have)) {
              String said = new String(body.readNBytes(1024), StandardCharsets.UTF_8).strip();
              if (status == 416 || status == 206) {
                have = 0;
                channel.truncate(0);
                throw new IOException("the server's range did not fit the part kept");
              }
              return failed(refusal(status, said));
            }
            channel.position(have);
            byte[] buffer = new byte[BUFFER];
            int read;
            while (have < file.size() && (read = body.read(buffer)) >= 0) {
              int useful = (int) Math.min(read, file.size() - have);
              channel.write(ByteBuffer.wrap(buffer, 0, useful));
              have += useful;
              failures = 0;
              long now = System.nanoTime();
              if (meter.due(now)) {
                tell.accept(
                    new FileEvent.Progress(
                        transfer,
                        Direction.DOWN,
                        file.name(),
                        have,
                        file.size(),
                        meter.rate(now, have),
                        meter.left(now, have)));
              }
            }
            if (have < file.size()) {
              throw new IOException("the answer ended at byte " + have + " of " + file.size());
            }
          }
        } catch (IOException e) {
          if (!waitToRetry(have, "the download broke off (" + FileUpload.reason(e) + ")")) {
            return failed(
                "the download broke off after "
                    + settings.retries()
                    + " tries ("
                    + FileUpload.reason(e)
                    + "); the "
                    + have
                    + " bytes so far stay in "
                    + part
                    + ", and /get goes on from there");
          }
          meter.restart(System.nanoTime(), have);
        }
      }
      channel.force(false);
    } catch (IOException e) {
      return failed("cannot write " + part + ": " + FileUpload.reason(e));
    }
    return checked(started);
  }

  /** The part as the file, once its SHA-256 is the announced one; else it is deleted. */
  private FileEvent checked(long started) {
    try {
      String sha256 = FileDigest.sha256(part);
      if (!sha256.equals(file.sha256().toLowerCase(Locale.ROOT))) {
        Files.deleteIfExists(part);
        return failed(
            "its SHA-256 is "
                + sha256
                + ", not "
                + file.sha256()
                + " as announced: the download is deleted");
      }
      Path kept = keep();
      return new FileEvent.Received(
          transfer, file.name(), file.size(), kept, ProgressMeter.took(started, System.nanoTime()));
    } catch (IOException e) {
      return failed("cannot keep " + part + " as " + target + ": " + FileUpload.reason(e));
    }
  }

  // never over a file that appeared meanwhile
  private Path keep() throws IOException {
    Path to = target;
    while (true) {
      try {
        Files.move(part, to);
        return to;
      } catch (FileAlreadyExistsException e) {
        to = FreeName.in(target.getParent(), target.getFileName().toString());
      }
    }
  }

  private static boolean rangeStartsAt(HttpResponse<InputStream> response, long have) {
    // Content-Range: bytes FROM-TO/SIZE
    return response
        .headers()
        .firstValue("Content-Range")
        .map(range -> range.startsWith("bytes " + have + "-"))
        .orElse(false);
  }

  private boolean waitToRetry(long have, String why) throws InterruptedException {
    failures++;
    if (failures > settings.retries()) {
      return false;
    }
    var wait = settings.backoff().delay(failures - 1, ThreadLocalRandom.current().nextDouble());
    tell.accept(
        new FileEvent.Retrying(
            transfer, Direction.DOWN, file.name(), have, why, failures, settings.retries(), wait));
    pause.await(wait);
    return true;
  }

  private FileEvent failed(String reason) {
    return new FileEvent.Failed(transfer, Direction.DOWN, file.name(), reason);
  }

  private static String refusal(int status, String message) {
    String said = message.isEmpty() ? "" : ": " + message;
    return switch (status) {
      case 410 -> "it expired, and the server deleted it" + said;
      case 404 -> "the server has no such file" + said;
      default -> "the server answered " + status + said;
    };
  }
}
