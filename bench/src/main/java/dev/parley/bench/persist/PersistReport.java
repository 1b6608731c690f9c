package dev.parley.bench.persist;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * The figures of one persistence run, kept as JSON so that {@code persist-table} can set several
 * runs side by side. Durations are in seconds, latencies in milliseconds.
 *
 * @param configuration the store and its settings, as the table's column heading
 * @param window says in flight for each sender that fills the room
 * @param emptyStartSeconds from the server process's start to its "Listening" line, with an empty
 *     store
 * @param fill null when the store does not survive a restart, and so nothing is recovered
 * @param recoveries one per restart on the filled store
 */
public record PersistReport(
    String configuration,
    int window,
    double emptyStartSeconds,
    List<Sending> sending,
    Fill fill,
    List<Recovery> recoveries) {

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  public PersistReport {
    sending = List.copyOf(sending);
    recoveries = List.copyOf(recoveries);
  }

  /**
   * One measured phase: {@code senders} clients in a room of their own, at full speed, each with at
   * most {@code window} says not yet acknowledged.
   *
   * @param acknowledged says acknowledged during the phase: stored
   * @param slowestSecond the fewest acknowledged in any whole second of it
   * @param serverCpuPercent the server's CPU time meanwhile, in percent of one core
   * @param othersOnServerCoresPercent what other processes took of the server's cores meanwhile, in
   *     percent of one core: PostgreSQL's share when it runs there, otherwise a disturbance
   * @param benchCpuPercent the same of the bench: near 100 % it may be what limits the figures
   * @param othersOnBenchCoresPercent what other processes took of the bench's cores meanwhile
   */
  public record Sending(
      int senders,
      int window,
      double seconds,
      long acknowledged,
      long slowestSecond,
      double latencyP50Ms,
      double latencyP99Ms,
      double latencyMaxMs,
      double serverCpuPercent,
      double othersOnServerCoresPercent,
      double benchCpuPercent,
      double othersOnBenchCoresPercent,
      long gaps) {

    public double perSecond() {
      return seconds > 0 ? acknowledged / seconds : 0;
    }
  }

  /**
   * The room that is recovered, filled with {@code messages} by {@code senders} at full speed.
   *
   * @param storeBytes what the data directory holds once the server stopped; -1 when the store is
   *     not a directory of ours
   * @param storeBytesAfterRestarts the same after the last restart: H2 compacts its file later
   * @param stopSeconds from SIGTERM to the end of the process
   */
  public record Fill(
      int senders,
      long messages,
      double seconds,
      long storeBytes,
      long storeBytesAfterRestarts,
      double stopSeconds,
      int exitStatus) {

    public double perSecond() {
      return seconds > 0 ? messages / seconds : 0;
    }

    Fill withStoreBytesAfterRestarts(long bytes) {
      return new Fill(senders, messages, seconds, storeBytes, bytes, stopSeconds, exitStatus);
    }
  }

  /**
   * One restart on the filled store, and one client's {@code join} of the filled room.
   *
   * @param listeningToAnsweredSeconds from the "Listening" line to the last replayed message; the
   *     client connects and says hello in between
   * @param joinToAnsweredSeconds from sending {@code join} to the last replayed message
   * @param replayed messages the {@code joined} frame announced, and came
   * @param lastSeq the {@code seq} of the last replayed message: the room's count
   */
  public record Recovery(
      double startToListeningSeconds,
      double listeningToAnsweredSeconds,
      double joinToAnsweredSeconds,
      int replayed,
      long lastSeq) {

    public double startToAnsweredSeconds() {
      return startToListeningSeconds + listeningToAnsweredSeconds;
    }
  }

  public void write(Path file) throws IOException {
    JSON.writeValue(file.toFile(), this);
  }

  public static PersistReport read(Path file) throws IOException {
    return JSON.readValue(file.toFile(), PersistReport.class);
  }
}
