package dev.parley.server.settings;

import com.typesafe.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * TLS on ports of its own: where, with which certificate (PEM files, or one made at start), and
 * which clients count as local, so that their passwords may travel in cleartext.
 */
public record TlsSettings(
    boolean enabled,
    int port,
    int httpsPort,
    Optional<PemFiles> files,
    Duration reloadCheckInterval,
    List<AddressBlock> localAddresses,
    boolean allowCleartextPasswords) {

  /** A certificate chain and its private key, as certbot writes them. */
  public record PemFiles(Path certificateChain, Path privateKey) {}

  /** An address block such as {@code 10.0.0.0/8}, or one address. */
  public record AddressBlock(byte[] network, int prefixBits) {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    static AddressBlock parse(String block) throws UnknownHostException {
      int slash = block.indexOf('/');
      String address = slash < 0 ? block : block.substring(0, slash);
      // a literal, so that no name is looked up
      if (!IPV4.matcher(address).matches() && !IPV6.matcher(address).matches()) {
        throw new UnknownHostException(block);
      }
      byte[] network = InetAddress.getByName(address).getAddress();
      int bits = slash < 0 ? network.length * 8 : Integer.parseInt(block.substring(slash + 1));
      if (bits < 0 || bits > network.length * 8) {
        throw new UnknownHostException(block);
      }
      return new AddressBlock(network, bits);
    }

    public boolean contains(InetAddress address) {
      byte[] bytes = address.getAddress();
      if (bytes.length != network.length) {
        return false;
      }
      for (int bit = 0; bit < prefixBits; bit++) {
        int mask = 0x80 >> (bit % 8);
        if ((bytes[bit / 8] & mask) != (network[bit / 8] & mask)) {
          return false;
        }
      }
      return true;
    }
  }

  public TlsSettings {
    localAddresses = List.copyOf(localAddresses);
  }

  /** Whether a client at {@code address} counts as local. */
  public boolean isLocal(InetAddress address) {
    return localAddresses.stream().anyMatch(block -> block.contains(address));
  }

  public static TlsSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.tls");
    boolean enabled = section.bool("enabled");
    boolean selfSigned = section.bool("self-signed");
    String chain = section.string("certificate-chain");
    String key = section.string("private-key");
    Optional<PemFiles> files = Optional.empty();
    if (enabled && !selfSigned) {
      if (chain.isBlank()) {
        throw section.invalid(
            "certificate-chain", "names no file; give the PEM files, or self-signed = true");
      }
      if (key.isBlank()) {
        throw section.invalid("private-key", "names no file; give the PEM files");
      }
      files = Optional.of(new PemFiles(Path.of(chain), Path.of(key)));
    }
    var blocks =
        section.strings("local-addresses").stream()
            .map(
                block -> {
                  try {
                    return AddressBlock.parse(block.trim());
                  } catch (UnknownHostException | NumberFormatException e) {
                    throw section.invalid(
                        "local-addresses",
                        "'" + block + "' is no address or block such as 10.0.0.0/8");
                  }
                })
            .toList();
    return new TlsSettings(
        enabled,
        section.intInRange("port", 0, 65535),
        section.intInRange("https-port", 0, 65535),
        files,
        section.positiveDuration("reload-check-interval"),
        blocks,
        section.bool("allow-cleartext-passwords"));
  }
}
