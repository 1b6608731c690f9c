package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connection's output as a test drives it: what the session hands over goes to a probe, and the
 * connection takes it only when the test says so.
 */
final class TestConnectionOutput implements ConnectionOutput {

  private final ActorRef<Session.Command> session;
  private final ActorRef<Outbound> handedOver;
  private final PendingOutput pending = new PendingOutput();

  TestConnectionOutput(ActorRef<Session.Command> session, ActorRef<Outbound> handedOver) {
    this.session = session;
    this.handedOver = handedOver;
  }

  /** The connection takes everything handed over. */
  void take() {
    if (pending.taken(pending.bytes())) {
      session.tell(Session.OutputTaken.INSTANCE);
    }
  }

  @Override
  public void handOver(Outbound outbound) {
    if (outbound instanceof Outbound.Frames frames) {
      pending.handedOver(frames.bytes().length());
    }
    handedOver.tell(outbound);
  }

  @Override
  public long pendingBytes() {
    return pending.bytes();
  }

  @Override
  public boolean takenOrTellWhenTaken() {
    return pending.takenOrWait();
  }
}
