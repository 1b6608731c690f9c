package dev.parley.client.files;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilesSettingsTest {

  private static FilesSettings with(Map<String, Object> values) {
    return FilesSettings.fromConfig(
        ConfigFactory.parseMap(values).withFallback(ConfigFactory.defaultReference()));
  }

  @Test
  void theDefaultsAreThoseOfReferenceConf() {
    var settings = with(Map.of());
    assertEquals(8L * 1024 * 1024, settings.chunkSize());
    assertNull(settings.downloadDir());
    assertEquals(Path.of("").toAbsolutePath(), settings.downloadDirOrCurrent());
    assertEquals(5, settings.retries());
    assertEquals(Duration.ofMinutes(10), settings.requestTimeout());
    assertEquals(2, settings.transfersAtOnce());
  }

  @Test
  void aDownloadFolderIsTakenAsGiven() {
    assertEquals(
        Path.of("/tmp/in"),
        with(Map.of("parley.client.files.download-dir", "/tmp/in")).downloadDirOrCurrent());
  }

  @Test
  void aValueOutOfRangeNamesItsKeyAndTheRange() {
    var tooSmall =
        assertThrows(
            ConfigException.BadValue.class,
            () -> with(Map.of("parley.client.files.chunk-size", "1KiB")));
    assertTrue(tooSmall.getMessage().contains("parley.client.files.chunk-size"));
    assertTrue(tooSmall.getMessage().contains("must be from 65536 to 1073741824, not 1024"));
    assertThrows(
        ConfigException.BadValue.class,
        () -> with(Map.of("parley.client.files.transfers-at-once", 0)));
    assertThrows(
        ConfigException.BadValue.class,
        () -> with(Map.of("parley.client.files.request-timeout", "0s")));
  }
}
