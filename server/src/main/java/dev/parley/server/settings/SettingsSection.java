package dev.parley.server.settings;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import java.time.Duration;
import java.util.List;

/**
 * One section of the config, such as {@code parley.listen}, read by full key so that every error
 * names the exact setting that is missing, of the wrong type or out of range.
 */
final class SettingsSection {

  private final Config config;
  private final String path;

  SettingsSection(Config config, String path) {
    this.config = config;
    this.path = path;
  }

  String string(String key) {
    return config.getString(fullKey(key));
  }

  boolean bool(String key) {
    return config.getBoolean(fullKey(key));
  }

  List<String> strings(String key) {
    return config.getStringList(fullKey(key));
  }

  int positiveInt(String key) {
    return intInRange(key, 1, Integer.MAX_VALUE);
  }

  int intInRange(String key, int min, int max) {
    int value = config.getInt(fullKey(key));
    if (value < min || value > max) {
      throw invalid(key, "must be from " + min + " to " + max + ", not " + value);
    }
    return value;
  }

  int positiveBytes(String key) {
    long value = config.getBytes(fullKey(key));
    if (value < 1 || value > Integer.MAX_VALUE) {
      throw invalid(key, "must be from 1 byte to 2GiB, not " + value + " bytes");
    }
    return (int) value;
  }

  int bytesOrZero(String key) {
    long value = config.getBytes(fullKey(key));
    if (value < 0 || value > Integer.MAX_VALUE) {
      throw invalid(key, "must be from 0 to 2GiB, not " + value + " bytes");
    }
    return (int) value;
  }

  long positiveLongBytes(String key) {
    long value = config.getBytes(fullKey(key));
    if (value < 1) {
      throw invalid(key, "must be at least 1 byte, not " + value + " bytes");
    }
    return value;
  }

  Duration positiveDuration(String key) {
    Duration value = config.getDuration(fullKey(key));
    if (value.isNegative() || value.isZero()) {
      throw invalid(key, "must be a positive duration, not " + value);
    }
    return value;
  }

  Duration nonNegativeDuration(String key) {
    Duration value = config.getDuration(fullKey(key));
    if (value.isNegative()) {
      throw invalid(key, "must be a duration of zero or more, not " + value);
    }
    return value;
  }

  ConfigException invalid(String key, String problem) {
    return new ConfigException.BadValue(
        config.getValue(fullKey(key)).origin(), fullKey(key), problem);
  }

  private String fullKey(String key) {
    return path + "." + key;
  }
}
