package dev.parley.client.connection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.parley.client.peer.PeerSettings;
import dev.parley.protocol.ProtocolRules;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How the client reaches and keeps its server, from {@code parley.client}. {@code nick} is null
 * when the server is to pick a guest nick; {@code tls} is empty for a cleartext connection, and
 * {@code port} is the TLS port when it is not.
 */
public record ConnectionSettings(
    String host,
    int port,
    Optional<TlsTrust> tls,
    String nick,
    String clientName,
    Duration connectTimeout,
    Duration pingInterval,
    Backoff reconnect,
    int heldNickRetries,
    int maxFrameBytes,
    int outgoingBuffer,
    int gapFillBatch,
    int completionRoomPages,
    Duration quitTimeout,
    PeerSettings peers) {

  public static ConnectionSettings fromConfig(Config config) {
    Config client = config.getConfig("parley.client");
    boolean secure = client.getBoolean("tls.enabled");
    return new ConnectionSettings(
        client.getString("host"),
        port(client, secure ? "tls.port" : "port"),
        secure ? Optional.of(trust(client)) : Optional.empty(),
        nick(client.getString("nick")),
        client.getString("client-name"),
        client.getDuration("connect-timeout"),
        client.getDuration("ping-interval"),
        new Backoff(
            client.getDuration("reconnect.min-backoff"),
            client.getDuration("reconnect.max-backoff"),
            client.getDouble("reconnect.random-factor")),
        client.getInt("reconnect.held-nick-retries"),
        (int) Math.min(Integer.MAX_VALUE, client.getBytes("max-frame-bytes")),
        client.getInt("outgoing-buffer"),
        client.getInt("gap-fill-batch"),
        client.getInt("completion-room-pages"),
        client.getDuration("quit-timeout"),
        PeerSettings.fromConfig(config));
  }

  private static int port(Config client, String key) {
    int port = client.getInt(key);
    if (port < 1 || port > 65535) {
      throw new ConfigException.BadValue(
          client.getValue(key).origin(),
          "parley.client." + key,
          "must be from 1 to 65535, not " + port);
    }
    return port;
  }

  /**
   * @throws TlsTrust.UnusableCaFile naming the CA file that cannot be used
   */
  private static TlsTrust trust(Config client) {
    String caFile = client.getString("tls.ca-file");
    String fingerprint = client.getString("tls.fingerprint");
    if (!caFile.isBlank() && !fingerprint.isBlank()) {
      throw new ConfigException.BadValue(
          client.getValue("tls.fingerprint").origin(),
          "parley.client.tls.fingerprint",
          "pins one certificate, and tls.ca-file trusts a CA: give one of them, not both");
    }
    if (!fingerprint.isBlank()) {
      try {
        return new TlsTrust.PinnedCertificate(Fingerprint.parse(fingerprint));
      } catch (IllegalArgumentException e) {
        throw new ConfigException.BadValue(
            client.getValue("tls.fingerprint").origin(),
            "parley.client.tls.fingerprint",
            "'" + fingerprint + "' " + e.getMessage());
      }
    }
    if (!caFile.isBlank()) {
      return TlsTrust.TrustedCas.fromPemFile(Path.of(caFile));
    }
    return TlsTrust.SystemTrustStore.INSTANCE;
  }

  private static String nick(String configured) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String login = System.getProperty("user.name", "");
    return ProtocolRules.isValidNick(login) ? login : null;
  }
}
