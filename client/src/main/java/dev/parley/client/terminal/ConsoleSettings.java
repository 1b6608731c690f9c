package dev.parley.client.terminal;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/** How the console behaves, from {@code parley.client.console}. */
public record ConsoleSettings(
    Path historyFile, int historySize, String timeFormat, Duration answerTimeout) {

  public static ConsoleSettings fromConfig(Config config) {
    Config console = config.getConfig("parley.client.console");
    return new ConsoleSettings(
        Path.of(console.getString("history-file")),
        console.getInt("history-size"),
        console.getString("time-format"),
        console.getDuration("answer-timeout"));
  }
}
