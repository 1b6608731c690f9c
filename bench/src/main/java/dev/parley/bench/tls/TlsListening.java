package dev.parley.bench.tls;

import java.net.InetSocketAddress;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where the server takes TLS connections, and the SHA-256 of its certificate, as its log says: the
 * line {@code Listening with TLS on HOST:PORT}, and the banner's line {@code tls: port N,
 * certificate ..., SHA-256 AB:CD:...}.
 */
record TlsListening(InetSocketAddress address, String fingerprint) {

  private static final Pattern LISTENING =
      Pattern.compile("Listening with TLS on ([^\\s:]+):(\\d+)");
  private static final Pattern BANNER =
      Pattern.compile(
          "tls:\\s+port \\d+, certificate .*, SHA-256 ((?:[0-9A-Fa-f]{2}:){31}[0-9A-Fa-f]{2})");
  private static final Pattern BANNER_OFF = Pattern.compile("tls:\\s+off");

  /** The address in a line such as {@code ... Listening with TLS on 127.0.0.1:7443}. */
  static Optional<InetSocketAddress> address(String line) {
    Matcher matcher = LISTENING.matcher(line);
    if (!matcher.find()) {
      return Optional.empty();
    }
    return Optional.of(new InetSocketAddress(matcher.group(1), Integer.parseInt(matcher.group(2))));
  }

  /** The fingerprint in the banner's {@code tls:} line. */
  static Optional<String> fingerprint(String line) {
    Matcher matcher = BANNER.matcher(line);
    return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
  }

  /** Whether the line is the banner's, saying that the server has no TLS port. */
  static boolean saysOff(String line) {
    return BANNER_OFF.matcher(line).find();
  }

  /**
   * Reads the server's output, line by line, until it has seen both lines, or the banner saying
   * that TLS is off.
   */
  static final class Watch implements Consumer<String> {

    private final CompletableFuture<TlsListening> found = new CompletableFuture<>();
    private InetSocketAddress address;
    private String fingerprint;

    CompletableFuture<TlsListening> found() {
      return found;
    }

    @Override
    public void accept(String line) {
      if (found.isDone()) {
        return;
      }
      if (saysOff(line)) {
        found.completeExceptionally(
            new IllegalStateException("the server has no TLS port: parley.tls.enabled is off"));
        return;
      }
      if (address == null) {
        address(line).ifPresent(seen -> address = seen);
      }
      if (fingerprint == null) {
        fingerprint(line).ifPresent(seen -> fingerprint = seen);
      }
      if (address != null && fingerprint != null) {
        found.complete(new TlsListening(address, fingerprint));
      }
    }
  }
}
