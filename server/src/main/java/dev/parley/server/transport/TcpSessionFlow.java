package dev.parley.server.transport;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.session.ClientConnection;
import dev.parley.server.session.ConnectionOutput;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionStreams;
import dev.parley.server.settings.ParleySettings;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Connects one TCP connection to its session: bytes are cut into lines, decoded and handed over as
 * the session takes them; the session's output goes back as bytes.
 */
final class TcpSessionFlow {

  private TcpSessionFlow() {}

  static ClientConnection attach(
      Tcp.IncomingConnection connection,
      ActorRef<Session.Command> session,
      ParleySettings settings,
      FrameCodec codec,
      Materializer materializer) {
    int maxFrameBytes = settings.protocol().maxFrameBytes();
    var input =
        Flow.of(ByteString.class)
            .statefulMapConcat(() -> new FrameReader(maxFrameBytes, codec)::read)
            .to(SessionStreams.input(session));
    // not coupled: the input ends only once the socket is closed, all output written
    ConnectionOutput output =
        connection.handleWith(
            Flow.fromSinkAndSourceMat(input, SessionStreams.output(session), Keep.right()),
            materializer);
    return new ClientConnection(connection.remoteAddress(), output);
  }
}
