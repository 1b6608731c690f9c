package dev.parley.server.settings;

import com.typesafe.config.Config;

/** Every setting of the server, read once from the {@code parley} section of the config. */
public record ParleySettings(
    String serverName,
    String motd,
    ListenSettings listen,
    HttpSettings http,
    IrcSettings irc,
    TlsSettings tls,
    ProtocolSettings protocol,
    SessionSettings session,
    NickSettings nicks,
    RoomSettings rooms,
    AccountSettings accounts,
    TranscriptSettings transcript,
    PresenceSettings presence,
    PersistenceSettings persistence,
    FilesSettings files,
    PrivateSettings privateConversations,
    ClusterSettings cluster) {

  /**
   * @throws com.typesafe.config.ConfigException naming the key that is missing, of the wrong type
   *     or out of range
   */
  public static ParleySettings fromConfig(Config config) {
    return new ParleySettings(
        config.getString("parley.server-name"),
        config.getString("parley.motd"),
        ListenSettings.fromConfig(config),
        HttpSettings.fromConfig(config),
        IrcSettings.fromConfig(config),
        TlsSettings.fromConfig(config),
        ProtocolSettings.fromConfig(config),
        SessionSettings.fromConfig(config),
        NickSettings.fromConfig(config),
        RoomSettings.fromConfig(config),
        AccountSettings.fromConfig(config),
        TranscriptSettings.fromConfig(config),
        PresenceSettings.fromConfig(config),
        PersistenceSettings.fromConfig(config),
        FilesSettings.fromConfig(config),
        PrivateSettings.fromConfig(config),
        ClusterSettings.fromConfig(config));
  }
}
