package dev.parley.server.transport;

import dev.parley.protocol.BadFrameException;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.server.session.ClientConnection;
import dev.parley.server.session.Inbound;
import dev.parley.server.session.Session;
import dev.parley.server.session.SessionStreams;
import dev.parley.server.settings.ParleySettings;
import java.time.Duration;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.ThrottleMode;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;

/**
 * Connects one TCP connection to its session: bytes are cut into lines, decoded and handed over at
 * the flood-control rate; the session's output goes back as bytes.
 */
final class TcpSessionFlow {

  private TcpSessionFlow() {}

  static ClientConnection attach(
      Tcp.IncomingConnection connection,
      ActorRef<Session.Command> session,
      ParleySettings settings,
      FrameCodec codec,
      Materializer materializer) {
    var limits = settings.session();
    var input =
        Flow.of(ByteString.class)
            .statefulMapConcat(() -> new LineSplitter(settings.protocol().maxFrameBytes())::split)
            .map(line -> decode(line, codec, settings.protocol().maxFrameBytes()))
            .throttle(
                limits.floodRatePerSecond(),
                Duration.ofSeconds(1),
                limits.floodBurst(),
                ThrottleMode.shaping())
            .to(SessionStreams.input(session));
    var output = SessionStreams.output(session).viaMat(KillSwitches.single(), Keep.both());
    Pair<ActorRef<dev.parley.server.session.Outbound>, org.apache.pekko.stream.UniqueKillSwitch>
        ends =
            // not coupled: the input ends only once the socket is closed, all output written
            connection.handleWith(
                Flow.fromSinkAndSourceMat(input, output, Keep.right()), materializer);
    return new ClientConnection(connection.remoteAddress(), ends.first(), ends.second());
  }

  private static Inbound decode(LineSplitter.Line line, FrameCodec codec, int maxFrameBytes) {
    if (line instanceof LineSplitter.Complete complete) {
      try {
        return new Inbound.Frame(codec.decodeClientFrame(complete.bytes().asByteBuffer()));
      } catch (BadFrameException e) {
        return new Inbound.Undecodable(e.code(), e.getMessage(), e.re());
      }
    }
    return new Inbound.Undecodable(
        ErrorCode.FRAME_TOO_LARGE,
        "a frame has at most " + maxFrameBytes + " bytes, newline included; this line was skipped",
        null);
  }
}
