package dev.parley.client.connection;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * The {@link Connection}'s link to the server of the moment: numbered, so that what an older link's
 * stream still reports is told apart; what is known of how it ended; the reconnect attempts that
 * failed; and the pings that keep it alive. Belongs to the {@link Connection} actor.
 */
final class CurrentLink {

  private final ConnectionSettings settings;
  private final Optional<TlsContext> tls;
  private final FrameCodec codec = new FrameCodec();
  private long number;
  private ServerLink server;
  private boolean up;
  private DepartureReason byeReason;
  private String abortReason;
  private int failedAttempts;
  private boolean pingUnanswered;
  private boolean heardSincePing;

  CurrentLink(ConnectionSettings settings) {
    this.settings = settings;
    this.tls = settings.tls().map(TlsContext::new);
  }

  boolean usesTls() {
    return tls.isPresent();
  }

  /** The number of the link to open next, for the messages of its stream. */
  long next() {
    up = false;
    byeReason = null;
    abortReason = null;
    return ++number;
  }

  /** Opens the link; {@code incoming} hears its frames. Completes once it is established. */
  CompletionStage<?> open(ActorSystem<?> system, Sink<ServerFrame, NotUsed> incoming) {
    server = ServerLink.open(system, settings, tls, codec, incoming);
    return server.established();
  }

  long number() {
    return number;
  }

  /** Whether a link is open, established or not. */
  boolean isOpen() {
    return server != null;
  }

  /** Whether {@code link} is the current link, and open. */
  boolean isOpen(long link) {
    return link == number && server != null;
  }

  /** Whether the link is open and the server was reached. */
  boolean isUp() {
    return server != null && up;
  }

  void established(long link) {
    if (link == number) {
      up = true;
    }
  }

  /** A frame came from the server on the current link. */
  void heard() {
    up = true;
    heardSincePing = true;
  }

  /** False when the frame could not be queued. */
  boolean send(ClientFrame frame) {
    return server.send(frame);
  }

  /** The server's bye with {@code reason}, after which the client connects again. */
  void closeAfterBye(DepartureReason reason) {
    byeReason = reason;
    server.close();
  }

  /** The link's stream ended; how it fared stays known, for {@link #closedEvent}. */
  void closed() {
    server = null;
  }

  void close() {
    if (server != null) {
      server.close();
      server = null;
    }
  }

  /**
   * What the user is told of the link that closed with {@code cause} (null when the server closed
   * it): lost when the server had been reached, else failed; {@code everConnected}: this client had
   * a session before.
   */
  ClientEvent closedEvent(Throwable cause, Duration retryIn, boolean everConnected) {
    if (up) {
      return new ClientEvent.ConnectionLost(lossReason(cause), retryIn);
    }
    return new ClientEvent.ConnectFailed(
        settings.host(), settings.port(), LinkFailures.describe(cause), retryIn, everConnected);
  }

  /**
   * Why the established link ended, the stream's {@code cause} being null when the server closed
   * it.
   */
  String lossReason(Throwable cause) {
    return LinkFailures.lossReason(abortReason, byeReason, cause);
  }

  /** How long to wait before the next attempt to connect, one more failed. */
  Duration nextRetryIn() {
    return settings.reconnect().delay(failedAttempts++, ThreadLocalRandom.current().nextDouble());
  }

  /** Whether this is still the first attempt to connect. */
  boolean firstAttempt() {
    return failedAttempts == 0;
  }

  void welcomed() {
    failedAttempts = 0;
    pingUnanswered = false;
  }

  /**
   * The time for a ping came: false, and the link aborted, when the last ping went unanswered and
   * nothing came from the server since.
   */
  boolean pingDue() {
    if (pingUnanswered && !heardSincePing) {
      abortReason = "no answer from the server for " + settings.pingInterval().toSeconds() + " s";
      server.abort(new IOException(abortReason));
      return false;
    }
    pingUnanswered = true;
    heardSincePing = false;
    return true;
  }

  void pongArrived() {
    pingUnanswered = false;
  }
}
