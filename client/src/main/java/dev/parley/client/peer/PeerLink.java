package dev.parley.client.peer;

import dev.parley.protocol.ProtocolRules;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.BoundedSourceQueue;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.QueueOfferResult;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Framing;
import org.apache.pekko.stream.javadsl.FramingTruncation;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.javadsl.Tcp;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;

/**
 * One direct connection to another client: the two hellos that prove the token, then text and files
 * both ways. The side that connects says its hello first and checks the other's; the side that
 * listens has the {@link Peers} check the first line against the offers it expects. Runs on the
 * blocking dispatcher, as it reads and writes files.
 */
public final class PeerLink extends AbstractBehavior<PeerLink.Command> {

  public sealed interface Command
      permits Say,
          SendFile,
          Close,
          Admitted,
          TurnedAway,
          StreamStarted,
          LineArrived,
          StreamEnded,
          HelloTimedOut {}

  public record Say(String text) implements Command {}

  public record SendFile(Path path) implements Command {}

  public enum Close implements Command {
    INSTANCE
  }

  /** The first line proved the token of {@code offer}, from {@code nick}. */
  record Admitted(String offer, String nick, String ownNick, String token) implements Command {}

  enum TurnedAway implements Command {
    INSTANCE
  }

  private record StreamStarted(ActorRef<Ack> ackTo) implements Command {}

  private record LineArrived(String line, ActorRef<Ack> ackTo) implements Command {}

  // cause null: the other side closed the connection
  private record StreamEnded(Throwable cause) implements Command {}

  private enum HelloTimedOut implements Command {
    INSTANCE
  }

  enum Ack {
    INSTANCE
  }

  private enum Phase {
    // listening side: no line yet, or the first one with the Peers
    GREETING,
    ADMITTING,
    // connecting side: our hello sent, the other's awaited
    AWAITING_HELLO,
    OPEN,
    CLOSING,
    OVER
  }

  /** Connects to {@code remote}, for {@code offer} with {@code nick}, and says hello. */
  static Behavior<Command> connecting(
      PeerSettings settings,
      ActorRef<PeerEvent> view,
      ActorRef<Peers.Command> peers,
      String offer,
      String nick,
      String ownNick,
      InetSocketAddress remote,
      String token) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  var link = new PeerLink(context, timers, settings, view, peers);
                  link.connect(offer, nick, ownNick, remote, token);
                  return link;
                }));
  }

  /** Takes a connection that came to the private port; its first line must prove a token. */
  static Behavior<Command> listening(
      PeerSettings settings,
      ActorRef<PeerEvent> view,
      ActorRef<Peers.Command> peers,
      Tcp.IncomingConnection connection) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(
                timers -> {
                  var link = new PeerLink(context, timers, settings, view, peers);
                  link.accept(connection);
                  return link;
                }));
  }

  private final TimerScheduler<Command> timers;
  private final PeerSettings settings;
  private final ActorRef<PeerEvent> view;
  private final ActorRef<Peers.Command> peers;
  private BoundedSourceQueue<ByteString> out;
  private Phase phase;
  private String address;
  private String nick;
  private String ownNick;
  private String token;
  private ActorRef<Ack> heldAck;
  // once open
  private FileTransfers files;
  // why the link ended, as told once it has
  private String endReason;

  private PeerLink(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PeerSettings settings,
      ActorRef<PeerEvent> view,
      ActorRef<Peers.Command> peers) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.view = view;
    this.peers = peers;
  }

  private void connect(
      String offer, String nick, String ownNick, InetSocketAddress remote, String token) {
    this.nick = nick;
    this.ownNick = ownNick;
    this.token = token;
    this.address = remote.getHostString() + ":" + remote.getPort();
    this.phase = Phase.AWAITING_HELLO;
    var tcp =
        Tcp.get(getContext().getSystem())
            .outgoingConnection(
                remote,
                Optional.empty(),
                List.of(),
                false,
                Optional.of(settings.connectTimeout()),
                Optional.empty());
    out =
        outgoing()
            .viaMat(tcp, Keep.left())
            .to(incoming())
            .run(Materializer.matFromSystem(getContext().getSystem()));
    send(new PeerLine.Hello(offer, ownNick, PeerProof.ofConnecting(token)));
    timers.startSingleTimer(HelloTimedOut.INSTANCE, settings.connectTimeout());
  }

  private void accept(Tcp.IncomingConnection connection) {
    this.address =
        connection.remoteAddress().getAddress().getHostAddress()
            + ":"
            + connection.remoteAddress().getPort();
    this.phase = Phase.GREETING;
    out =
        connection.handleWith(
            Flow.fromSinkAndSourceCoupledMat(incoming(), outgoing(), Keep.right()),
            Materializer.matFromSystem(getContext().getSystem()));
    timers.startSingleTimer(HelloTimedOut.INSTANCE, settings.connectTimeout());
  }

  private Source<ByteString, BoundedSourceQueue<ByteString>> outgoing() {
    return Source.queue(settings.outgoingLines() + settings.fileWindow());
  }

  private Sink<ByteString, ?> incoming() {
    var self = getContext().getSelf();
    return Framing.delimiter(
            ByteString.fromString("\n"), settings.maxLineBytes(), FramingTruncation.DISALLOW)
        .map(ByteString::utf8String)
        .to(
            ActorSink.<String, Command, Ack>actorRefWithBackpressure(
                self,
                (ackTo, line) -> new LineArrived(line, ackTo),
                StreamStarted::new,
                Ack.INSTANCE,
                new StreamEnded(null),
                StreamEnded::new));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(StreamStarted.class, started -> acked(started.ackTo()))
        .onMessage(LineArrived.class, this::onLine)
        .onMessage(Admitted.class, this::onAdmitted)
        .onMessage(TurnedAway.class, turnedAway -> end())
        .onMessage(HelloTimedOut.class, this::onHelloTimedOut)
        .onMessage(Say.class, this::onSay)
        .onMessage(SendFile.class, this::onSendFile)
        .onMessage(Close.class, this::onClose)
        .onMessage(StreamEnded.class, this::onStreamEnded)
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  private Behavior<Command> acked(ActorRef<Ack> ackTo) {
    ackTo.tell(Ack.INSTANCE);
    return this;
  }

  private Behavior<Command> onLine(LineArrived arrived) {
    PeerLine line;
    boolean readable = true;
    try {
      line = PeerLine.decode(arrived.line());
    } catch (IllegalArgumentException e) {
      line = null;
      readable = false;
    }
    if (phase == Phase.GREETING) {
      phase = Phase.ADMITTING;
      heldAck = arrived.ackTo();
      peers.tell(
          new Peers.HelloHeard(
              line instanceof PeerLine.Hello hello ? hello : null,
              address,
              getContext().getSelf()));
      return this;
    }
    if (phase == Phase.AWAITING_HELLO) {
      if (line instanceof PeerLine.Hello hello
          && ProtocolRules.canonical(nick).equals(canonical(hello.nick()))
          && PeerProof.matches(PeerProof.ofListening(token), hello.proof())) {
        opened();
        return acked(arrived.ackTo());
      }
      return unreachable("the other side did not prove the token");
    }
    if (phase == Phase.OPEN) {
      onOpenLine(line, readable);
    }
    return acked(arrived.ackTo());
  }

  private Behavior<Command> onAdmitted(Admitted admitted) {
    nick = admitted.nick();
    ownNick = admitted.ownNick();
    token = admitted.token();
    send(new PeerLine.Hello(admitted.offer(), ownNick, PeerProof.ofListening(token)));
    opened();
    return acked(heldAck);
  }

  private void opened() {
    phase = Phase.OPEN;
    files = new FileTransfers(settings, view, this::send, nick);
    timers.cancel(HelloTimedOut.INSTANCE);
    // the peers know the link before the user can see it open and type into it
    peers.tell(new Peers.LinkOpened(nick, getContext().getSelf()));
    view.tell(new PeerEvent.Opened(nick, address));
  }

  private Behavior<Command> onHelloTimedOut(HelloTimedOut timedOut) {
    if (phase == Phase.AWAITING_HELLO) {
      return unreachable("no answer from " + address);
    }
    // one admitting waits for the peers' word, which comes within the same time
    return phase == Phase.GREETING ? end() : this;
  }

  private Behavior<Command> unreachable(String reason) {
    Behavior<Command> next = end();
    view.tell(new PeerEvent.Unreachable(nick, reason, settings.connectTimeout()));
    return next;
  }

  private void onOpenLine(PeerLine line, boolean readable) {
    if (line instanceof PeerLine.Text text && text.text() != null) {
      view.tell(new PeerEvent.Said(nick, nick, text.text(), Instant.now()));
    } else if (line instanceof PeerLine.Bye) {
      endReason = nick + " closed the direct link";
      endOutput();
    } else if (!readable) {
      view.tell(new PeerEvent.Refused(nick, nick + " sent a line this client cannot read"));
    } else if (line != null) {
      files.onLine(line);
    }
  }

  private Behavior<Command> onSay(Say say) {
    if (phase != Phase.OPEN) {
      view.tell(new PeerEvent.Refused(nick, "the direct link with " + nick + " is not open"));
    } else if (send(new PeerLine.Text(say.text()))) {
      view.tell(new PeerEvent.Said(nick, ownNick, say.text(), Instant.now()));
    } else {
      view.tell(new PeerEvent.Refused(nick, "too much waits to go to " + nick + ": not sent"));
    }
    return this;
  }

  private Behavior<Command> onSendFile(SendFile send) {
    Path path = send.path();
    if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
      view.tell(new PeerEvent.FileFailed(nick, path.toString(), true, "no readable file " + path));
    } else if (phase == Phase.OPEN) {
      files.sendFile(path);
    }
    return this;
  }

  private Behavior<Command> onClose(Close close) {
    if (phase == Phase.OPEN) {
      send(new PeerLine.Bye());
      endReason = "you closed the direct link";
      phase = Phase.CLOSING;
      endOutput();
    }
    return this;
  }

  // the peers hear of the end before the user does, who may ask again at once
  private Behavior<Command> onStreamEnded(StreamEnded ended) {
    Phase was = phase;
    Behavior<Command> next = end();
    if (was == Phase.AWAITING_HELLO) {
      String reason =
          ended.cause() == null
              ? address + " closed the connection"
              : "cannot connect to " + address + ": " + describe(ended.cause());
      view.tell(new PeerEvent.Unreachable(nick, reason, settings.connectTimeout()));
    } else if (was == Phase.OPEN || was == Phase.CLOSING) {
      String reason =
          endReason != null
              ? endReason
              : ended.cause() == null
                  ? nick + " closed the direct link"
                  : "the direct link was lost: " + describe(ended.cause());
      view.tell(new PeerEvent.Closed(nick, reason));
      files.cutOff();
    }
    return next;
  }

  /** Ends the link; what was not sent yet waits for the next link with the same nick. */
  private Behavior<Command> end() {
    if (phase != Phase.OVER) {
      Phase was = phase;
      phase = Phase.OVER;
      endOutput();
      if (was == Phase.OPEN || was == Phase.CLOSING || was == Phase.AWAITING_HELLO) {
        List<Path> unfinished = files == null ? List.of() : files.unfinished();
        peers.tell(new Peers.LinkEnded(nick, getContext().getSelf(), unfinished));
      }
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> onPostStop() {
    if (files != null) {
      files.close();
    }
    if (out != null) {
      endOutput();
    }
    return this;
  }

  private void endOutput() {
    if (out != null && !out.isCompleted()) {
      out.complete();
    }
  }

  private boolean send(PeerLine line) {
    return out.offer(ByteString.fromString(PeerLine.encode(line))) == QueueOfferResult.enqueued();
  }

  private static String canonical(String nick) {
    return nick == null || !ProtocolRules.isValidNick(nick) ? "" : ProtocolRules.canonical(nick);
  }

  static String describe(Throwable cause) {
    Throwable root = cause;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
