package dev.parley.server.session;

import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.stream.typed.javadsl.ActorSink;
import org.apache.pekko.util.ByteString;

/** The two stream ends through which a front door connects a client to its session. */
public final class SessionStreams {

  private SessionStreams() {}

  /** Hands the session one frame at a time, the next only once it took the last. */
  public static Sink<Inbound, NotUsed> input(ActorRef<Session.Command> session) {
    return ActorSink.actorRefWithBackpressure(
        session,
        (ActorRef<Session.FrameTaken> ackTo, Inbound inbound) ->
            new Session.FrameReceived(inbound, ackTo),
        Session.InputStarted::new,
        Session.FrameTaken.INSTANCE,
        Session.InputEnded.INSTANCE,
        Session.InputFailed::new);
  }

  /** Emits the session's output, counting what the connection has not taken yet. */
  public static Source<ByteString, ConnectionOutput> output(ActorRef<Session.Command> session) {
    return Source.fromGraph(new SessionOutput(session));
  }
}
