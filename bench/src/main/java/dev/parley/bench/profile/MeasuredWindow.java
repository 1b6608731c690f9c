package dev.parley.bench.profile;

import picocli.CommandLine.Option;

/** The seconds a run measured, as {@code run.sh} marks them: the options its probes share. */
final class MeasuredWindow {

  @Option(names = "--from", required = true, description = "The measurement's start, epoch ms.")
  long fromMillis;

  @Option(names = "--to", required = true, description = "The measurement's end, epoch ms.")
  long toMillis;
}
