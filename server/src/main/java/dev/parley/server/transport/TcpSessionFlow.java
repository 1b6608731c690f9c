package dev.parley.server.transport;

import dev.parley.server.session.ClientConnection;
import dev.parley.server.session.ConnectionInput;
import dev.parley.server.session.ConnectionOutput;
import dev.parley.server.session.JsonDialect;
import dev.parley.server.session.SessionStreams;
import dev.parley.server.settings.ParleySettings;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * What each TCP connection runs, built once for all of them: bytes are cut into lines and decoded
 * for the session, which takes them one at a time; the session's output goes back as bytes.
 */
final class TcpSessionFlow {

  private final Flow<ByteString, ByteString, Pair<ConnectionInput, ConnectionOutput>> flow;
  private final Materializer materializer;
  private final JsonDialect json;

  TcpSessionFlow(ParleySettings settings, JsonDialect json, Materializer materializer) {
    int maxFrameBytes = settings.protocol().maxFrameBytes();
    // not coupled: the input ends only once the socket is closed, all output written
    this.flow =
        Flow.fromSinkAndSourceMat(
            SessionStreams.input(() -> new FrameReader(maxFrameBytes, json)::read),
            SessionStreams.output(settings.session().maxWriteBytes()),
            Keep.both());
    this.materializer = materializer;
    this.json = json;
  }

  /** Runs the connection, TLS or not; its session is to attach to what this answers. */
  ClientConnection run(Tcp.IncomingConnection connection, boolean secure) {
    var ends = connection.handleWith(flow, materializer);
    return new ClientConnection(
        connection.remoteAddress(), secure, ends.first(), ends.second(), json);
  }
}
