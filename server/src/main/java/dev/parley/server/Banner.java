package dev.parley.server;

import dev.parley.server.http.HttpDoor;
import dev.parley.server.persistence.Store;
import dev.parley.server.settings.ParleySettings;
import dev.parley.server.settings.PersistenceSettings;
import java.nio.file.Path;

/** The few lines the server logs as it starts: what runs, where, and under which limits. */
public final class Banner {

  public static final String VERSION = "0.1.0";

  private Banner() {}

  static String describe(ParleyServer server, Path configFile) {
    ParleySettings settings = server.settings();
    var listen = server.address();
    var session = settings.session();
    return String.join(
        System.lineSeparator(),
        "Parley " + VERSION + " is listening on " + listen.getHostString() + ":" + listen.getPort(),
        "  tls:         " + describeTls(server),
        "  web client:  "
            + server
                .httpAddress()
                .map(
                    http ->
                        HttpDoor.url(http, false)
                            + server
                                .httpsAddress()
                                .map(https -> ", " + HttpDoor.url(https, true))
                                .orElse(""))
                .orElse("off (parley.http.enabled)"),
        "  irc:         "
            + server
                .ircAddress()
                .map(
                    irc ->
                        "irc://"
                            + irc.getHostString()
                            + ":"
                            + irc.getPort()
                            + server
                                .ircTlsAddress()
                                .map(tls -> ", ircs://" + tls.getHostString() + ":" + tls.getPort())
                                .orElse(""))
                .orElse("off (parley.irc.enabled)"),
        "  health:      "
            + server
                .adminAddress()
                .map(
                    admin ->
                        HttpDoor.url(admin, false)
                            + "health/ready, "
                            + HttpDoor.url(admin, false)
                            + "metrics")
                .orElse("off"),
        "  config:      "
            + (configFile == null
                ? "the built-in defaults"
                : configFile.toAbsolutePath() + " over the built-in defaults"),
        "  data:        " + describeStore(settings.persistence()),
        "  transcript:  "
            + (settings.transcript().enabled()
                ? settings.transcript().file().toAbsolutePath()
                : "off"),
        String.format(
            "  limits:      %d connections, %d-byte frames, %d-char texts, %d rooms of %d"
                + " messages, %d bytes of output per reader",
            settings.listen().maxConnections(),
            settings.protocol().maxFrameBytes(),
            settings.protocol().maxTextChars(),
            settings.rooms().maxRooms(),
            settings.rooms().historySize(),
            session.maxPendingOutput()),
        String.format(
            "  timeouts:    hello %d s, idle %d s, stalled reader %d s; flood: %d frames, then"
                + " %d/s",
            session.helloTimeout().toSeconds(),
            session.idleTimeout().toSeconds(),
            session.stallTimeout().toSeconds(),
            session.floodBurst(),
            session.floodRatePerSecond()));
  }

  private static String describeTls(ParleyServer server) {
    if (server.tlsAddress().isEmpty()) {
      return "off (parley.tls.enabled)";
    }
    var tls = server.tlsAddress().get();
    var certificate = server.certificate().orElseThrow();
    return "port "
        + tls.getPort()
        + ", certificate "
        + certificate
            .files()
            .map(files -> files.certificateChain().toAbsolutePath().toString())
            .orElse("self-signed, made at this start")
        + ", SHA-256 "
        + certificate.fingerprint();
  }

  private static String describeStore(PersistenceSettings persistence) {
    return switch (persistence.store()) {
      case H2 -> "H2 in " + persistence.dataDir().toAbsolutePath().normalize();
      case POSTGRESQL -> "PostgreSQL at " + Store.locationOf(persistence.postgresql().url());
      case MEMORY -> "in memory; rooms, accounts and mail last until the server stops";
    };
  }
}
