package dev.parley.server.session;

import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.Outlet;
import org.apache.pekko.stream.SourceShape;
import org.apache.pekko.stream.stage.AbstractGraphStageWithMaterializedValue;
import org.apache.pekko.stream.stage.AbstractOutHandler;
import org.apache.pekko.stream.stage.AsyncCallback;
import org.apache.pekko.stream.stage.GraphStageLogic;
import org.apache.pekko.util.ByteString;

/**
 * The source of a connection's bytes: what its session hands over as {@link Outbound}. It counts
 * the bytes not yet taken downstream, which the session reads, and tells the session {@link
 * Session.OutputTaken} once they are all taken if the session asked. It ends as the session says:
 * once the last piece is out, or at once. The session attaches itself after the stream is running,
 * so that one blueprint serves every connection. One stage, without a stage actor, in place of an
 * actor source, a map and a kill switch: an idle connection holds that much less.
 */
final class SessionOutput
    extends AbstractGraphStageWithMaterializedValue<SourceShape<ByteString>, ConnectionOutput> {

  private final Outlet<ByteString> out = Outlet.create("SessionOutput.out");
  private final SourceShape<ByteString> shape = SourceShape.of(out);
  private final int maxPieceBytes;

  SessionOutput(int maxPieceBytes) {
    this.maxPieceBytes = maxPieceBytes;
  }

  @Override
  public SourceShape<ByteString> shape() {
    return shape;
  }

  @Override
  public Pair<GraphStageLogic, ConnectionOutput> createLogicAndMaterializedValuePair(
      Attributes inheritedAttributes) {
    var logic = new Logic();
    return Pair.create(logic, logic.handle);
  }

  private final class Logic extends GraphStageLogic {

    private final AsyncCallback<Outbound> handedOver = createAsyncCallback(this::onHandedOver);
    private final Handle handle = new Handle();
    private ByteString waiting;
    private boolean ending;

    Logic() {
      super(shape);
      setHandler(
          out,
          new AbstractOutHandler() {
            @Override
            public void onPull() {
              pushWaiting();
            }
          });
    }

    private void onHandedOver(Outbound outbound) {
      if (outbound instanceof Outbound.Frames frames) {
        waiting = waiting == null ? frames.bytes() : waiting.concat(frames.bytes());
        pushWaiting();
      } else if (outbound instanceof Outbound.End) {
        ending = true;
        if (waiting == null) {
          completeStage();
        }
      } else if (outbound instanceof Outbound.Abort abort) {
        failStage(abort.cause());
      }
    }

    private void pushWaiting() {
      if (waiting == null || !isAvailable(out)) {
        return;
      }
      // a piece at a time: what a slow reader takes shows in the count as it goes
      ByteString piece = waiting.length() <= maxPieceBytes ? waiting : waiting.take(maxPieceBytes);
      waiting = piece == waiting ? null : waiting.drop(maxPieceBytes);
      push(out, piece);
      boolean sessionWaits = handle.taken(piece.length());
      if (waiting != null) {
        return;
      }
      if (ending) {
        completeStage();
      } else if (sessionWaits) {
        handle.tellTaken();
      }
    }

    private final class Handle extends CountingOutput {

      @Override
      protected void passOn(Outbound outbound) {
        // what is handed over before the stage runs, or after it ended, is held or dropped by Pekko
        handedOver.invoke(outbound);
      }
    }
  }
}
