package dev.parley.client;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** What one run of the client through its main entry point printed, and how it exited. */
public record ClientRun(int status, String out, String err) {

  /** Runs the client with {@code script} on stdin, as a pipe would give it. */
  public static ClientRun of(String script, String... args) {
    return of(Map.of(), script, args);
  }

  /** As {@link #of(String, String...)}, with these environment variables. */
  public static ClientRun of(Map<String, String> environment, String script, String... args) {
    var out = new ByteArrayOutputStream();
    var err = new ByteArrayOutputStream();
    int status =
        Main.run(
            args,
            new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            environment);
    return new ClientRun(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
