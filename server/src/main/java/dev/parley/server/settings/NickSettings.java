package dev.parley.server.settings;

import com.typesafe.config.Config;
import dev.parley.protocol.ProtocolRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Which nicks nobody may take, and how guests are named. */
public record NickSettings(Set<String> reserved, String guestPrefix) {

  public NickSettings {
    reserved =
        reserved.stream().map(ProtocolRules::canonical).collect(Collectors.toUnmodifiableSet());
  }

  public static NickSettings fromConfig(Config config) {
    var section = new SettingsSection(config, "parley.nicks");
    List<String> reserved = section.strings("reserved");
    String guestPrefix = section.string("guest-prefix");
    if (!ProtocolRules.isValidNick(guestPrefix + "1")) {
      throw section.invalid("guest-prefix", "must make a valid nick with a number after it");
    }
    return new NickSettings(Set.copyOf(reserved), guestPrefix);
  }

  public boolean isReserved(String nick) {
    return reserved.contains(ProtocolRules.canonical(nick));
  }
}
