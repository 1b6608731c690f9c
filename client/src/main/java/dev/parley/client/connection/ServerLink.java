package dev.parley.client.connection;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import javax.net.ssl.SSLSession;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.TLSClosing;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Flow;
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
 * One TCP connection to the server, in cleartext or TLS, as a Pekko stream: frames go out through a
 * bounded queue and the codec; lines come in through the framing and the codec to {@code incoming},
 * which also learns when the connection ends.
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

  /** {@code tls}: the TLS to connect with; empty for cleartext. */
  static ServerLink open(
      ActorSystem<?> system,
      ConnectionSettings settings,
      Optional<TlsContext> tls,
      FrameCodec codec,
      Sink<ServerFrame, NotUsed> incoming) {
    var handshake = new CompletableFuture<SSLSession>();
    var materialized =
        Source.<ByteString>queue(settings.outgoingBuffer())
            .viaMat(transport(system, settings, tls, handshake), Keep.both())
            .via(Framing.delimiter(NEWLINE, settings.maxFrameBytes(), FramingTruncation.ALLOW))
            .viaMat(KillSwitches.single(), Keep.both())
            .mapConcat(line -> decode(codec, line.utf8String()))
            .to(incoming)
            .run(system);
    CompletionStage<Tcp.OutgoingConnection> connected = materialized.first().second();
    return new ServerLink(
        codec,
        materialized.first().first(),
        materialized.second(),
        tls.isEmpty() ? connected : connected.thenCombine(handshake, (tcp, session) -> tcp));
  }

  private static Flow<ByteString, ByteString, CompletionStage<Tcp.OutgoingConnection>> transport(
      ActorSystem<?> system,
      ConnectionSettings settings,
      Optional<TlsContext> tls,
      CompletableFuture<SSLSession> handshake) {
    var tcp = Tcp.get(system);
    var server = InetSocketAddress.createUnresolved(settings.host(), settings.port());
    if (tls.isEmpty()) {
      return tcp.outgoingConnection(
          server,
          Optional.empty(),
          List.of(),
          true,
          Optional.of(settings.connectTimeout()),
          Optional.empty());
    }
    TlsContext context = tls.get();
    // what is sent waits for the handshake, in which the certificate is checked
    return tcp.outgoingConnectionWithTls(
        server,
        () -> context.newEngine(settings.host(), settings.port()),
        Optional.empty(),
        List.of(),
        Optional.of(settings.connectTimeout()),
        Optional.empty(),
        session -> {
          // the certificate passed already: this only marks the handshake done
          handshake.complete(session);
          return Optional.empty();
        },
        TLSClosing.eagerClose());
  }

  /**
   * Completes once the server accepted the TCP connection and, with TLS, the handshake is done; or
   * fails when the server cannot be reached. A TLS handshake that fails never completes it.
   */
  CompletionStage<Tcp.OutgoingConnection> established() {
    return established;
  }

  /** False when the frame could not be queued: the buffer is full or the link is gone. */
  boolean send(ClientFrame frame) {
    return outgoing.offer(ByteString.fromArray(codec.encode(frame))).isEnqueued();
  }

  /** Ends the connection; what is still queued may be lost. */
  void close() {
    try {
      outgoing.complete();
    } catch (IllegalStateException endedAlready) {
      // the server closed first (after its bye, say): the stream completed the queue itself
    }
    killSwitch.shutdown();
  }

  void abort(Throwable cause) {
    try {
      outgoing.fail(cause);
    } catch (IllegalStateException endedAlready) {
      // as in close
    }
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
