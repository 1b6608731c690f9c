package dev.parley.server.settings;

import com.typesafe.config.Config;
import dev.parley.protocol.ProtocolRules;
import java.time.Duration;
import java.util.List;

/**
 * The rooms every user is in, how much of their history rooms keep, how long, and hand out, and how
 * many {@code say} ids a room remembers to store a repeated say once.
 */
public record RoomSettings(
    List<String> autoJoin,
    int historySize,
    Duration historyMaxAge,
    int replaySize,
    int historyPageSize,
    int maxHistoryPageSize,
    int maxHistoryPageBytes,
    int maxRooms,
    int createsPerAddress,
    Duration createWindow,
    int rememberedSayIds) {

  public RoomSettings {
    autoJoin = List.copyOf(autoJoin);
  }

  public static RoomSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.rooms");
    List<String> autoJoin = section.strings("auto-join");
    for (String room : autoJoin) {
      if (!ProtocolRules.isValidRoom(room)) {
        throw section.invalid("auto-join", "'" + room + "' is not a valid room name");
      }
    }
    return new RoomSettings(
        autoJoin,
        section.positiveInt("history-size"),
        section.positiveDuration("history-max-age"),
        section.intInRange("replay-size", 0, Integer.MAX_VALUE),
        section.positiveInt("history-page-size"),
        section.positiveInt("max-history-page-size"),
        section.positiveBytes("max-history-page-bytes"),
        section.positiveInt("max-rooms"),
        section.positiveInt("creates-per-address"),
        section.positiveDuration("create-window"),
        section.intInRange("remembered-say-ids", 0, Integer.MAX_VALUE));
  }
}
