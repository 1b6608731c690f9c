package dev.parley.client.connection;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import dev.parley.protocol.ProtocolRules;
import java.time.Duration;

/**
 * How the client reaches and keeps its server, from {@code parley.client}. {@code nick} is null
 * when the server is to pick a guest nick.
 */
public record ConnectionSettings(
    String host,
    int port,
    String nick,
    String clientName,
    Duration connectTimeout,
    Duration pingInterval,
    Backoff reconnect,
    int heldNickRetries,
    int maxFrameBytes,
    int outgoingBuffer,
    int gapFillBatch,
    Duration quitTimeout) {

  public static ConnectionSettings fromConfig(Config config) {
    Config client = config.getConfig("parley.client");
    return new ConnectionSettings(
        client.getString("host"),
        port(client),
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
        client.getDuration("quit-timeout"));
  }

  private static int port(Config client) {
    int port = client.getInt("port");
    if (port < 1 || port > 65535) {
      throw new ConfigException.BadValue(
          client.getValue("port").origin(),
          "parley.client.port",
          "must be from 1 to 65535, not " + port);
    }
    return port;
  }

  private static String nick(String configured) {
    if (!configured.isEmpty()) {
      return configured;
    }
    String login = System.getProperty("user.name", "");
    return ProtocolRules.isValidNick(login) ? login : null;
  }
}
