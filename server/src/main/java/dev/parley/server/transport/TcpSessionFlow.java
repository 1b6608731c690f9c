package dev.parley.server.transport;

import dev.parley.server.session.ClientConnection;
import dev.parley.server.session.ConnectionInput;
import dev.parley.server.session.ConnectionOutput;
import dev.parley.server.session.Dialect;
import dev.parley.server.session.Inbound;
import dev.parley.server.session.JsonDialect;
import dev.parley.server.session.SessionStreams;
import dev.parley.server.settings.ParleySettings;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * What each TCP connection of one protocol runs, built once for all of them: bytes are cut into
 * lines and read by the protocol's reader for the session, which takes them one at a time; the
 * session's output goes back as bytes.
 */
public final class TcpSessionFlow {

  private final Flow<ByteString, ByteString, Pair<ConnectionInput, ConnectionOutput>> flow;
  private final Supplier<Dialect> dialects;
  private final Materializer materializer;

  /**
   * @param readers makes each connection's reader, which may keep what it has not read yet
   * @param dialects makes each connection's dialect, or hands all of them one that keeps nothing
   */
  public TcpSessionFlow(
      ParleySettings settings,
      Supplier<Function<ByteString, List<Inbound>>> readers,
      Supplier<Dialect> dialects,
      Materializer materializer) {
    // not coupled: the input ends only once the socket is closed, all output written
    this.flow =
        Flow.fromSinkAndSourceMat(
            SessionStreams.input(readers),
            SessionStreams.output(settings.session().maxWriteBytes()),
            Keep.both());
    this.dialects = dialects;
    this.materializer = materializer;
  }

  /** Parley's own protocol: JSON lines of at most {@code max-frame-bytes}. */
  public static TcpSessionFlow json(
      ParleySettings settings, JsonDialect json, Materializer materializer) {
    int maxFrameBytes = settings.protocol().maxFrameBytes();
    return new TcpSessionFlow(
        settings, () -> new FrameReader(maxFrameBytes, json)::read, () -> json, materializer);
  }

  /** Runs the connection, TLS or not; its session is to attach to what this answers. */
  ClientConnection run(Tcp.IncomingConnection connection, boolean secure) {
    var ends = connection.handleWith(flow, materializer);
    return new ClientConnection(
        connection.remoteAddress(), secure, ends.first(), ends.second(), dialects.get());
  }
}
