package dev.parley.client.terminal;

import com.typesafe.config.Config;
import java.nio.file.Path;
import java.time.Duration;

/** How the console behaves, from {@code parley.client.console}. */
public record ConsoleSettings(
    Path historyFile,
    int historySize,
    String timeFormat,
    Duration answerTimeout,
    boolean bell,
    int scrollbackLines) {

  public static ConsoleSettings fromConfig(Config config) {
    Config console = config.getConfig("parley.client.console");
    return new ConsoleSettings(
        Path.of(console.getString("history-file")),
        console.getInt("history-size"),
        console.getString("time-format"),
        console.getDuration("answer-timeout"),
        console.getBoolean("bell"),
        scrollbackLines(console));
  }

  private static int scrollbackLines(Config console) {
    int lines = console.getInt("scrollback-lines");
    if (lines < 1) {
      throw new IllegalArgumentException(
          "parley.client.console.scrollback-lines must be at least 1, not " + lines);
    }
    return lines;
  }
}
