package dev.parley.client.peer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * A file on its way from the other side: written to a part file named for its SHA-256 in the
 * downloads folder, so that a transfer cut off goes on from what arrived; once whole and checked it
 * takes its own name there. Its name never reaches outside that folder. Blocking file writes: it
 * belongs to a {@link PeerLink}, which runs on the blocking dispatcher.
 */
final class IncomingFile implements AutoCloseable {

  final String id;
  final String name;
  final long size;
  final String sha256;
  private final Path folder;
  private final Path part;
  private final FileChannel channel;
  private final TransferClock clock;
  private long written;

  private IncomingFile(
      PeerLine.FileOffer offer,
      Path folder,
      Path part,
      FileChannel channel,
      long written,
      TransferClock clock) {
    this.id = offer.file();
    this.name = safeName(offer.name());
    this.size = offer.size();
    this.sha256 = offer.sha256();
    this.folder = folder;
    this.part = part;
    this.channel = channel;
    this.written = written;
    this.clock = clock;
  }

  /** Opens the part file of {@code offer}, keeping what an earlier transfer left in it. */
  static IncomingFile begin(PeerLine.FileOffer offer, PeerSettings settings) throws IOException {
    if (offer.sha256() == null || !offer.sha256().matches("[0-9a-f]{64}")) {
      throw new IOException("the offer has no SHA-256 of 64 hex digits");
    }
    Path folder = settings.downloads();
    Files.createDirectories(folder);
    Path part = folder.resolve("." + offer.sha256() + ".part");
    FileChannel channel =
        FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    long have = channel.size();
    if (have > offer.size()) {
      channel.truncate(0);
      have = 0;
    }
    return new IncomingFile(
        offer, folder, part, channel, have, new TransferClock(have, settings.progressInterval()));
  }

  long written() {
    return written;
  }

  TransferClock clock() {
    return clock;
  }

  boolean isWhole() {
    return written == size;
  }

  void write(byte[] bytes) throws IOException {
    var buffer = ByteBuffer.wrap(bytes);
    while (buffer.hasRemaining()) {
      written += channel.write(buffer, written);
    }
  }

  /**
   * Checks the whole file's SHA-256: on a match it gets its own name (with a number when that is
   * taken) and is returned; otherwise it is deleted, and null says so.
   */
  Path finish() throws IOException {
    channel.force(false);
    channel.close();
    if (!FileDigest.sha256(part).equals(sha256)) {
      Files.deleteIfExists(part);
      return null;
    }
    Path target = freeName();
    return Files.move(part, target, StandardCopyOption.ATOMIC_MOVE);
  }

  private Path freeName() {
    int dot = name.lastIndexOf('.');
    String stem = dot > 0 ? name.substring(0, dot) : name;
    String extension = dot > 0 ? name.substring(dot) : "";
    Path target = folder.resolve(name);
    for (int n = 1; Files.exists(target); n++) {
      target = folder.resolve(stem + "-" + n + extension);
    }
    return target;
  }

  /** The last part of {@code offered}, with nothing that names another folder or hides a file. */
  static String safeName(String offered) {
    String base = offered == null ? "" : offered.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    base = base.replaceAll("[\\p{Cntrl}:*?\"<>|]", "_").strip();
    while (base.startsWith(".")) {
      base = base.substring(1);
    }
    return base.isEmpty() ? "file" : base;
  }

  @Override
  public void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // what was written stays in the part file for a resume
    }
  }
}
