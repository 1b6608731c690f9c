package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connection's output as a test drives it: what the session hands over goes to a probe, and the
 * connection takes it only when the test says so.
 */
final class TestConnectionOutput extends CountingOutput {

  private final ActorRef<Outbound> handedOver;

  TestConnectionOutput(ActorRef<Outbound> handedOver) {
    this.handedOver = handedOver;
  }

  /** The connection takes everything handed over. */
  void take() {
    if (taken(pendingBytes())) {
      tellTaken();
    }
  }

  @Override
  protected void passOn(Outbound outbound) {
    handedOver.tell(outbound);
  }
}
