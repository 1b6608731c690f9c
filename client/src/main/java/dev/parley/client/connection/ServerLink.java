package dev.parley.client.connection;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Framing;
import org.apache.pekko.stream.javadsl.FramingTruncation;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.util.ByteString;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection to the server as a Pekko stream: frames go out through a bounded queue and the
 * codec; lines come in through the framing and the codec to {@code incoming}, which also learns
 * when the connection ends.
 */
final class ServerLink {

  private static final Logger log = LoggerFactory.getLogger(ServerLink.class);
  private static final ByteString NEWLINE = ByteString.fromString("\n");

  private final FrameCodec codec;
  private final BoundedSourceQueue<ByteString> outgoing;
  private final UniqueKillSwitch killSwitch;
  private final CompletionStage<Tcp.OutgoingConnection> established;

  private ServerLink(
      FrameCodec codec,
      BoundedSourceQueue<ByteString> outgoing,
      UniqueKillSwitch killSwitch,
      CompletionStage<Tcp.OutgoingConnection> established) {
    this.codec = codec;
    this.outgoing = outgoing;
    this.killSwitch = killSwitch;
    this.established = established;
  }

  static ServerLink open(
      ActorSystem<?> system,
      ConnectionSettings settings,
      FrameCodec codec,
      Sink<ServerFrame, NotUsed> incoming) {
    var tcp =
        Tcp.get(system)
            .outgoingConnection(
                InetSocketAddress.createUnresolved(settings.host(), settings.port()),
                Optional.empty(),
                List.of(),
                true,
                Optional.of(settings.connectTimeout()),
                Optional.empty());
    var materialized =
        Source.<ByteString>queue(settings.outgoingBuffer())
            .viaMat(tcp, Keep.both())
            .via(Framing.delimiter(NEWLINE, settings.maxFrameBytes(), FramingTruncation.ALLOW))
            .viaMat(KillSwitches.single(), Keep.both())
            .mapConcat(line -> decode(codec, line.utf8String()))
            .to(incoming)
            .run(system);
    return new ServerLink(
        codec, materialized.first().first(), materialized.second(), materialized.first().second());
  }

  /** Completes once the server accepted the TCP connection, or fails when it cannot be reached. */
  CompletionStage<Tcp.OutgoingConnection> established() {
    return established;
  }

  /** False when the frame could not be queued: the buffer is full or the link is gone. */
  boolean send(ClientFrame frame) {
    return outgoing.offer(ByteString.fromArray(codec.encode(frame))).isEnqueued();
  }

  /** Ends the connection; what is still queued may be lost. */
  void close() {
    outgoing.complete();
    killSwitch.shutdown();
  }

  void abort(Throwable cause) {
    outgoing.fail(cause);
    killSwitch.abort(cause);
  }

  private static List<ServerFrame> decode(FrameCodec codec, String line) {
    try {
      ServerFrame frame = codec.decodeServerFrame(line);
      // null: a frame type this client does not know yet
      return frame == null ? List.of() : List.of(frame);
    } catch (IllegalArgumentException e) {
      log.warn("Ignoring a line from the server that is not a frame: {}", e.getMessage());
      return List.of();
    }
  }
}
