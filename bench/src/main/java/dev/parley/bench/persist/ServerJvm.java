package dev.parley.bench.persist;

import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * How a benchmark starts the server's JVM: which jar, on which cores, with which options; one set
 * of command-line options for every command that starts a server ({@code @Mixin}).
 */
public final class ServerJvm {

  @Option(
      names = "--server-jar",
      defaultValue = "server/target/parley-server.jar",
      description = "The server's jar.")
  private Path jar;

  @Option(
      names = "--server-cores",
      description = "Runs the server under taskset -c with these cores, e.g. 0.")
  private String cores;

  @Option(
      names = "--server-java-opts",
      defaultValue = "",
      description = "Options for the server's JVM, separated by spaces.")
  private String javaOptions;

  public Path jar() {
    return jar;
  }

  /** The command that runs the server, before its own arguments. */
  public List<String> command() {
    return ServerProcess.javaCommand(jar, javaOptions, cores);
  }
}
