package dev.parley.server.files;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

/**
 * The folder of shared files, each under its id: {@code ID.part} while it is uploaded, then {@code
 * ID.data} with {@code ID.json} beside it. Every method blocks on the disk: call it on the
 * dispatcher for blocking I/O.
 */
final class FileFolder {

  private static final String PART = ".part";
  private static final String DATA = ".data";
  private static final String META = ".json";

  private final Path dir;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  FileFolder(Path dir) {
    this.dir = dir;
  }

  Path dir() {
    return dir;
  }

  /** Makes the folder when missing. */
  void make() {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make the files folder " + dir, e);
    }
  }

  /** Where the bytes of upload {@code id} go. */
  Path part(String id) {
    return dir.resolve(id + PART);
  }

  Path data(String id) {
    return dir.resolve(id + DATA);
  }

  /** The bytes of upload {@code id} that are on disk. */
  long partSize(String id) {
    try {
      return Files.size(dir.resolve(id + PART));
    } catch (NoSuchFileException e) {
      return 0;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Cuts upload {@code id} back to its first {@code size} bytes. */
  void truncatePart(String id, long size) {
    Path part = dir.resolve(id + PART);
    if (!Files.exists(part)) {
      return;
    }
    try (var channel = FileChannel.open(part, StandardOpenOption.WRITE)) {
      channel.truncate(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The SHA-256 of upload {@code id}, in lower-case hex, read in one pass. */
  String sha256OfPart(String id) {
    try (InputStream in = Files.newInputStream(dir.resolve(id + PART))) {
      var digest = sha256();
      byte[] buffer = new byte[1 << 16];
      for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
        digest.update(buffer, 0, read);
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (NoSuchFileException e) {
      return HexFormat.of().formatHex(sha256().digest());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Upload {@code file} is complete: its bytes become the file's, with its description. */
  void complete(StoredFile file) {
    try {
      Path part = dir.resolve(file.id() + PART);
      if (!Files.exists(part)) {
        Files.createFile(part);
      }
      Path meta = dir.resolve(file.id() + META);
      Path written = dir.resolve(file.id() + META + ".new");
      json.writeValue(written.toFile(), file);
      move(written, meta);
      move(part, data(file.id()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the bytes of {@code id}, keeping its description. */
  void deleteData(String id) {
    try {
      Files.deleteIfExists(data(id));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes everything of {@code id}, complete or not. */
  void delete(String id) {
    try {
      Files.deleteIfExists(dir.resolve(id + META));
      Files.deleteIfExists(data(id));
      Files.deleteIfExists(dir.resolve(id + PART));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A file's description in the folder, and whether its bytes are there too. */
  record Listed(StoredFile file, boolean hasData) {}

  /**
   * The files described in the folder. Uploads that were under way when the server stopped are
   * deleted, and so is anything that is not a file's description or bytes.
   */
  List<Listed> read() {
    var files = new ArrayList<Listed>();
    if (!Files.isDirectory(dir)) {
      return files;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path entry : entries.toList()) {
        String name = entry.getFileName().toString();
        if (name.endsWith(META)) {
          String id = name.substring(0, name.length() - META.length());
          StoredFile file = readMeta(entry);
          if (file != null && file.id().equals(id)) {
            files.add(new Listed(file, Files.exists(data(id))));
          } else {
            delete(id);
          }
        } else if (name.endsWith(PART) || name.endsWith(META + ".new")) {
          Files.deleteIfExists(entry);
        } else if (name.endsWith(DATA)) {
          String id = name.substring(0, name.length() - DATA.length());
          if (!Files.exists(dir.resolve(id + META))) {
            Files.deleteIfExists(entry);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the files folder " + dir, e);
    }
    return files;
  }

  /** The bytes free on the disk of the folder (of the nearest folder above it that exists). */
  long usableSpace() {
    Path existing = dir.toAbsolutePath();
    while (existing != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      return existing == null ? 0 : Files.getFileStore(existing).getUsableSpace();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private StoredFile readMeta(Path meta) {
    try {
      return json.readValue(meta.toFile(), StoredFile.class);
    } catch (IOException e) {
      return null;
    }
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
