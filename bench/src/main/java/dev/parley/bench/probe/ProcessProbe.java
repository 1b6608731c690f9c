package dev.parley.bench.probe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Watches one process through {@code /proc}: its CPU time, its memory, and its cores. */
public final class ProcessProbe {

  private static final long GARBAGE_COLLECTION_TIMEOUT_SECONDS = 60;

  private final long pid;
  private final int clockTicksPerSecond;

  /**
   * @param clockTicksPerSecond the unit of CPU times in {@code /proc}: {@code getconf CLK_TCK}
   */
  public ProcessProbe(long pid, int clockTicksPerSecond) {
    this.pid = pid;
    this.clockTicksPerSecond = clockTicksPerSecond;
  }

  public static ProcessProbe ofThisProcess(int clockTicksPerSecond) {
    return new ProcessProbe(ProcessHandle.current().pid(), clockTicksPerSecond);
  }

  public ProcessSample sample() {
    Path proc = Path.of("/proc", Long.toString(pid));
    try {
      long now = System.nanoTime();
      String stat = Files.readString(proc.resolve("stat"), StandardCharsets.US_ASCII);
      String status = Files.readString(proc.resolve("status"), StandardCharsets.UTF_8);
      List<Integer> cores = ProcessSample.allowedCoresFromStatus(status);
      String machineStat = Files.readString(Path.of("/proc/stat"), StandardCharsets.US_ASCII);
      return new ProcessSample(
          now,
          ProcessSample.cpuTicksFromStat(stat),
          ProcessSample.residentKibFromStatus(status),
          cores.size(),
          ProcessSample.busyTicksFromStat(machineStat, cores));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read /proc of process " + pid, e);
    }
  }

  /** CPU time used between two samples, in seconds. */
  public double cpuSeconds(ProcessSample from, ProcessSample to) {
    return (double) (to.cpuTicks() - from.cpuTicks()) / clockTicksPerSecond;
  }

  /** CPU time used between two samples, in percent of one core over the time between them. */
  public double cpuPercent(ProcessSample from, ProcessSample to) {
    double wallSeconds = (to.takenAtNanos() - from.takenAtNanos()) / 1e9;
    return wallSeconds <= 0 ? 0 : 100 * cpuSeconds(from, to) / wallSeconds;
  }

  /**
   * CPU time that other processes used on this process's cores between two samples, in percent of
   * one core: what a benchmark loses to whatever else runs on the machine.
   */
  public double othersOnCoresPercent(ProcessSample from, ProcessSample to) {
    double wallSeconds = (to.takenAtNanos() - from.takenAtNanos()) / 1e9;
    long othersTicks =
        (to.coresBusyTicks() - from.coresBusyTicks()) - (to.cpuTicks() - from.cpuTicks());
    return wallSeconds <= 0
        ? 0
        : Math.max(0, 100.0 * othersTicks / clockTicksPerSecond / wallSeconds);
  }

  /**
   * Has the JVM of the process collect its garbage ({@code jcmd PID GC.run}), so that resident
   * memory shows what is live rather than when the collector last ran.
   *
   * @return whether jcmd succeeded
   */
  public boolean collectGarbage() {
    try {
      Process jcmd =
          new ProcessBuilder("jcmd", Long.toString(pid), "GC.run")
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!jcmd.waitFor(GARBAGE_COLLECTION_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        jcmd.destroyForcibly();
        return false;
      }
      return jcmd.exitValue() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
