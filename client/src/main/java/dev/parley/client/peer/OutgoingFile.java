package dev.parley.client.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Base64;

/**
 * A file on its way to the other side: read in chunks from where the other says it has the file up
 * to, with at most a window of chunks sent and not yet acknowledged. Blocking file reads: it
 * belongs to a {@link PeerLink}, which runs on the blocking dispatcher.
 */
final class OutgoingFile implements AutoCloseable {

  final String id;
  final Path path;
  final String name;
  final long size;
  final String sha256;
  private final FileChannel channel;
  private long sent;
  private long acked;
  private TransferClock clock;

  private OutgoingFile(String id, Path path, long size, String sha256, FileChannel channel) {
    this.id = id;
    this.path = path;
    this.name = path.getFileName().toString();
    this.size = size;
    this.sha256 = sha256;
    this.channel = channel;
  }

  /** Opens {@code path} and reads it once for its SHA-256. */
  static OutgoingFile open(String id, Path path) throws IOException {
    FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
    try {
      return new OutgoingFile(id, path, channel.size(), FileDigest.sha256(path), channel);
    } catch (IOException e) {
      channel.close();
      throw e;
    }
  }

  PeerLine.FileOffer offer() {
    return new PeerLine.FileOffer(id, name, size, sha256);
  }

  /** The other has the first {@code offset} bytes: sending goes on from there. */
  void resumeAt(long offset, TransferClock clock) {
    sent = offset;
    acked = offset;
    this.clock = clock;
  }

  TransferClock clock() {
    return clock;
  }

  void acked(long offset) {
    acked = Math.max(acked, Math.min(offset, sent));
  }

  long acked() {
    return acked;
  }

  boolean allAcked() {
    return acked == size;
  }

  /** The next chunk when one may go now (within {@code window} chunks ahead), or null. */
  PeerLine.Chunk nextChunk(int chunkBytes, int window) throws IOException {
    if (sent >= size || sent - acked >= (long) chunkBytes * window) {
      return null;
    }
    var buffer = ByteBuffer.allocate((int) Math.min(chunkBytes, size - sent));
    while (buffer.hasRemaining()) {
      if (channel.read(buffer, sent + buffer.position()) < 0) {
        throw new IOException(name + " got shorter while it was sent");
      }
    }
    long offset = sent;
    sent += buffer.capacity();
    byte[] bytes = Arrays.copyOf(buffer.array(), buffer.capacity());
    return new PeerLine.Chunk(id, offset, Base64.getEncoder().encodeToString(bytes));
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // read only: nothing is lost
    }
  }
}
