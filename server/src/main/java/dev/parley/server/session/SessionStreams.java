package dev.parley.server.session;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

/**
 * The two stream ends through which a front door connects a client to its session. They are
 * blueprints for every connection: each run of them makes the ends its session attaches to.
 */
public final class SessionStreams {

  private SessionStreams() {}

  /**
   * Hands the session one frame at a time, the next only once it asks; {@code readers} makes each
   * connection's reader of frames from what arrives.
   */
  public static <T> Sink<T, ConnectionInput> input(Supplier<Function<T, List<Inbound>>> readers) {
    return Sink.fromGraph(new SessionInput<>(readers));
  }

  /**
   * Emits the session's output in pieces of at most {@code maxWriteBytes}, counting what the
   * connection has not taken yet.
   */
  public static Source<ByteString, ConnectionOutput> output(int maxWriteBytes) {
    return Source.fromGraph(new SessionOutput(maxWriteBytes));
  }
}
