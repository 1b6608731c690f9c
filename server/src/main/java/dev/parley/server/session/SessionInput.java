package dev.parley.server.session;

import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Inlet;
import org.apache.pekko.stream.SinkShape;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractInHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;

/**
 * The sink of a connection's input: it reads frames from what arrives, with a reader of the front
 * door's, and gives its session one at a time, each once the session asked; it takes more from the
 * connection only when it has no frame left to give. The session attaches itself after the stream
 * is running, so that one blueprint serves every connection. One stage without a stage actor, in
 * place of a map and an actor sink: an idle connection holds that much less.
 */
final class SessionInput<T>
    extends AbstractGraphStageWithMaterializedValue<SinkShape<T>, ConnectionInput> {

  private final Inlet<T> in = Inlet.create("SessionInput.in");
  private final SinkShape<T> shape = SinkShape.of(in);
  private final Supplier<Function<T, List<Inbound>>> readers;

  /** {@code readers} makes each connection's reader, which may keep what it has not read yet. */
  SessionInput(Supplier<Function<T, List<Inbound>>> readers) {
    this.readers = readers;
  }

  @Override
  public SinkShape<T> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, ConnectionInput> createLogicAndMaterializedValuePair(
      Attributes inheritedAttributes) {
    var logic = new Logic(readers.get());
    return Pair.create(logic, logic.handle);
  }

  private final class Logic extends GraphStageLogic {

    private final AsyncCallback<ActorRef<Session.Command>> attached =
        createAsyncCallback(this::onAttached);
    private final AsyncCallback<NotUsed> nextWanted = createAsyncCallback(wanted -> onNextWanted());
    private final AsyncCallback<NotUsed> closed = createAsyncCallback(done -> completeStage());
    private final Handle handle = new Handle();
    private final Function<T, List<Inbound>> reader;
    private ActorRef<Session.Command> session;
    private List<Inbound> frames = List.of();
    private int given;
    private boolean wanted;
    private Session.Command end;

    Logic(Function<T, List<Inbound>> reader) {
      super(shape);
      this.reader = reader;
      setHandler(
          in,
          new AbstractInHandler() {
            @Override
            public void onPush() {
              frames = reader.apply(grab(in));
              giveWhatIsWanted();
            }

            @Override
            public void onUpstreamFinish() {
              end = Session.InputEnded.INSTANCE;
              giveWhatIsWanted();
            }

            @Override
            public void onUpstreamFailure(Throwable cause) {
              end = new Session.InputFailed(cause);
              giveWhatIsWanted();
            }
          });
    }

    @Override
    public void preStart() {
      // the frames read before the end are still to be given, as the session asks for them
      setKeepGoing(true);
    }

    private void onAttached(ActorRef<Session.Command> session) {
      this.session = session;
      giveWhatIsWanted();
    }

    private void onNextWanted() {
      wanted = true;
      giveWhatIsWanted();
    }

    private void giveWhatIsWanted() {
      if (session == null) {
        return;
      }
      if (wanted && given < frames.size()) {
        wanted = false;
        session.tell(new Session.FrameReceived(frames.get(given++)));
      }
      if (given < frames.size()) {
        return;
      }
      // the frames of a chunk all given: its end follows them, or the next chunk is read
      frames = List.of();
      given = 0;
      if (end != null) {
        session.tell(end);
        completeStage();
      } else if (wanted && !hasBeenPulled(in)) {
        pull(in);
      }
    }

    private final class Handle implements ConnectionInput {

      @Override
      public void attach(ActorRef<Session.Command> session) {
        attached.invoke(session);
      }

      @Override
      public void readNext() {
        nextWanted.invoke(NotUsed.getInstance());
      }

      @Override
      public void close() {
        closed.invoke(NotUsed.getInstance());
      }
    }
  }
}
