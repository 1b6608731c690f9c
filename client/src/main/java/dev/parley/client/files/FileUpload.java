package dev.parley.client.files;

import dev.parley.client.files.FileEvent.Direction;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;

/**
 * One file going up to its slot, in pieces of the chunk size at their offsets; after a request that
 * failed or was cut, it asks the server how far it got ({@code HEAD}) and goes on from there, a few
 * times with a growing wait. Runs on a thread of its own: {@link #run()} blocks until the end.
 */
final class FileUpload {

  /** What goes up where: the slot's {@code url} and {@code token}; {@code where} #room or nick. */
  record Job(
      long transfer, Path path, String name, long size, String where, URI url, String token) {}

  private final Job job;
  private final FilesSettings settings;
  private final HttpDoor door;
  private final RetryPause pause;
  private final Consumer<FileEvent> tell;
  private ProgressMeter meter;
  private long offset;
  private int failures;

  FileUpload(
      Job job, FilesSettings settings, HttpDoor door, RetryPause pause, Consumer<FileEvent> tell) {
    this.job = job;
    this.settings = settings;
    this.door = door;
    this.pause = pause;
    this.tell = tell;
  }

  /** Uploads the file; the last event: {@link FileEvent.Sent} or {@link FileEvent.Failed}. */
  FileEvent run() throws InterruptedException {
    long started = System.nanoTime();
    meter = new ProgressMeter(job.size(), settings.progressInterval(), started, 0);
    tell.accept(new FileEvent.Sending(job.transfer(), job.name(), job.size(), job.where()));
    boolean askFirst = false;
    while (true) {
      HttpDoor.UploadAnswer answer;
      long length = Math.min(settings.chunkSize(), job.size() - offset);
      try {
        answer =
            askFirst
                ? door.head(job.url(), job.token())
                : door.patch(job.url(), job.token(), offset, length, this::piece);
      } catch (IOException | UncheckedIOException e) {
        if (!Files.isReadable(job.path())) {
          return failed("cannot read " + job.path() + " any more");
        }
        if (!waitToRetry("the request failed (" + reason(e) + ")")) {
          return failed(
              "the server's HTTP door did not answer after "
                  + settings.retries()
                  + " tries ("
                  + reason(e)
                  + "); the upload is given up");
        }
        askFirst = true;
        continue;
      }
      if (answer.complete()) {
        return new FileEvent.Sent(
            job.transfer(),
            job.name(),
            job.size(),
            job.where(),
            ProgressMeter.took(started, System.nanoTime()));
      }
      int status = answer.status();
      if ((status == 200 || status == 204) && answer.offset().isPresent()) {
        offset = answer.offset().getAsLong();
        if (askFirst) {
          // the rate counts from where it goes on
          meter.restart(System.nanoTime(), offset);
        } else {
          failures = 0;
        }
        askFirst = false;
        continue;
      }
      if ((status == 409 && answer.offset().isPresent()) || status >= 500) {
        // another PATCH of ours still being written, after a cut the server has not seen yet
        if (!waitToRetry("the server answered " + status + ": " + answer.message())) {
          return failed("the server answered " + status + ": " + answer.message());
        }
        askFirst = true;
        continue;
      }
      return failed(refusal(status, answer.message()));
    }
  }

  /** The bytes of the next piece, counted as they are read. */
  private InputStream piece() {
    long from = offset;
    long length = Math.min(settings.chunkSize(), job.size() - from);
    try {
      InputStream in = Files.newInputStream(job.path());
      in.skipNBytes(from);
      return new CountingStream(in, from, length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** False when the tries are used up; else waits before the next, saying so. */
  private boolean waitToRetry(String why) throws InterruptedException {
    failures++;
    if (failures > settings.retries()) {
      return false;
    }
    var wait = settings.backoff().delay(failures - 1, ThreadLocalRandom.current().nextDouble());
    tell.accept(
        new FileEvent.Retrying(
            job.transfer(),
            Direction.UP,
            job.name(),
            offset,
            why,
            failures,
            settings.retries(),
            wait));
    pause.await(wait);
    return true;
  }

  private FileEvent failed(String reason) {
    return new FileEvent.Failed(job.transfer(), Direction.UP, job.name(), reason);
  }

  /** What a refusal of the HTTP door means, in its words: docs/protocol.md's Files. */
  static String refusal(int status, String message) {
    String said = message.isEmpty() ? "" : ": " + message;
    return switch (status) {
      case 409 -> "the server did not share it" + said;
      case 422 -> "the server got other bytes than this file's" + said;
      case 413 -> "the server took no more bytes" + said;
      case 403 -> "the server refused the upload's token" + said;
      case 404 -> "the server has no such upload any more" + said;
      default -> "the server answered " + status + said;
    };
  }

  static String reason(Exception e) {
    Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
    String message = cause.getMessage();
    return message == null || message.isBlank()
        ? cause.getClass().getSimpleName()
        : cause.getClass().getSimpleName() + ": " + message;
  }

  /** A piece of the file, at most {@code length} bytes, whose progress shows as it is read. */
  private final class CountingStream extends FilterInputStream {

    private final long from;
    private long left;
    private long read;

    CountingStream(InputStream in, long from, long length) {
      super(in);
      this.from = from;
      this.left = length;
    }

    @Override
    public int read() throws IOException {
      byte[] one = new byte[1];
      return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] buffer, int at, int length) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int got = super.read(buffer, at, (int) Math.min(length, left));
      if (got > 0) {
        left -= got;
        read += got;
        progress(from + read);
      }
      return got;
    }

    private void progress(long done) {
      long now = System.nanoTime();
      if (meter.due(now)) {
        tell.accept(
            new FileEvent.Progress(
                job.transfer(),
                Direction.UP,
                job.name(),
                done,
                job.size(),
                meter.rate(now, done),
                meter.left(now, done)));
      }
    }
  }
}
