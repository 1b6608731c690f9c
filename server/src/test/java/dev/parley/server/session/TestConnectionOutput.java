package dev.parley.server.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connection's output as a test drives it: what the session hands over goes to a probe, and the
 * connection takes it only when the test says so.
 */
final class TestConnectionOutput implements ConnectionOutput {

  private final ActorRef<Session.Command> session;
  private final ActorRef<Outbound> handedOver;
  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean sessionWaits = new AtomicBoolean();

  TestConnectionOutput(ActorRef<Session.Command> session, ActorRef<Outbound> handedOver) {
    this.session = session;
    this.handedOver = handedOver;
  }

  /** The connection takes everything handed over. */
  void take() {
    pendingBytes.set(0);
    if (sessionWaits.getAndSet(false)) {
      session.tell(Session.OutputTaken.INSTANCE);
    }
  }

  @Override
  public void handOver(Outbound outbound) {
    if (outbound instanceof Outbound.Frames frames) {
      pendingBytes.addAndGet(frames.bytes().length());
    }
    handedOver.tell(outbound);
  }

  @Override
  public long pendingBytes() {
    return pendingBytes.get();
  }

  @Override
  public boolean takenOrTellWhenTaken() {
    if (pendingBytes.get() == 0) {
      return true;
    }
    sessionWaits.set(true);
    return pendingBytes.get() == 0;
  }
}
