package dev.parley.server.tls;

import dev.parley.server.settings.TlsSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * The certificate the TLS ports present: each new connection gets an engine of the one current when
 * it connects, so that a reload reaches new connections and leaves open ones as they are. Read from
 * PEM files, and read again when they change; or made at start.
 */
public final class ServerCertificate {

  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  /** What is in force: the context, its certificate, and the stamps of the files it came from. */
  private record Current(
      SSLContext context, X509Certificate certificate, String fingerprint, List<Stamp> stamps) {}

  /**
   * What tells a file changed: its time, and which file it is (a renewal moves a new one in), as
   * two files written within one tick of the clock have the same time.
   */
  private record Stamp(FileTime modified, Object fileKey, long size) {}

  private final Optional<TlsSettings.PemFiles> files;
  private final AtomicReference<Current> current = new AtomicReference<>();

  private ServerCertificate(Optional<TlsSettings.PemFiles> files, Current first) {
    this.files = files;
    this.current.set(first);
  }

  /**
   * The certificate of the settings' PEM files, or a self-signed one when they name none.
   *
   * @throws IllegalStateException naming the file that is missing or broken
   */
  public static ServerCertificate load(TlsSettings settings) {
    Optional<TlsSettings.PemFiles> files = settings.files();
    if (files.isEmpty()) {
      KeyMaterial made = SelfSignedCertificate.create();
      return new ServerCertificate(files, current(made, List.of()));
    }
    return new ServerCertificate(files, read(files.get()));
  }

  /** A server-side engine for one new connection, TLS 1.2 and 1.3 only. */
  public SSLEngine newEngine() {
    SSLEngine engine = current.get().context().createSSLEngine();
    engine.setUseClientMode(false);
    engine.setEnabledProtocols(
        PROTOCOLS.stream()
            .filter(Arrays.asList(engine.getSupportedProtocols())::contains)
            .toArray(String[]::new));
    return engine;
  }

  public SSLContext sslContext() {
    return current.get().context();
  }

  /** The server's own certificate in force, the first of its chain. */
  public X509Certificate certificate() {
    return current.get().certificate();
  }

  /** The SHA-256 of the certificate in force, {@code AB:CD:...}. */
  public String fingerprint() {
    return current.get().fingerprint();
  }

  public boolean isSelfSigned() {
    return files.isEmpty();
  }

  /**
   * Reads the files again if they changed since they were read; blocks on the file system.
   *
   * @return the new fingerprint, if the certificate changed
   * @throws IllegalStateException when the changed files are broken: the certificate in force stays
   */
  public Optional<String> reloadIfChanged() {
    if (files.isEmpty() || stamps(files.get()).equals(current.get().stamps())) {
      return Optional.empty();
    }
    Current reread = read(files.get());
    current.set(reread);
    return Optional.of(reread.fingerprint());
  }

  public Optional<TlsSettings.PemFiles> files() {
    return files;
  }

  private static Current read(TlsSettings.PemFiles files) {
    // the stamps first: a change while the files are read is read again at the next check
    List<Stamp> stamps = stamps(files);
    return current(PemFileReader.read(files), stamps);
  }

  private static Current current(KeyMaterial material, List<Stamp> stamps) {
    return new Current(
        material.sslContext(), material.chain().get(0), material.fingerprint(), stamps);
  }

  private static Stamp stamp(Path file) throws IOException {
    var attributes = Files.readAttributes(file, BasicFileAttributes.class);
    return new Stamp(attributes.lastModifiedTime(), attributes.fileKey(), attributes.size());
  }

  private static List<Stamp> stamps(TlsSettings.PemFiles files) {
    try {
      return List.of(stamp(files.certificateChain()), stamp(files.privateKey()));
    } catch (IOException e) {
      // a file gone for a moment, as certbot renews: looked at again at the next check
      return List.of();
    }
  }
}
