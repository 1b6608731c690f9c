package dev.parley.server.session;

import org.apache.pekko.actor.typed.ActorRef;

/** A connection's input as a test drives it: what the session asks of it goes to a probe. */
final class TestConnectionInput implements ConnectionInput {

  enum Asked {
    READ_NEXT,
    CLOSE
  }

  private final ActorRef<Asked> asked;

  TestConnectionInput(ActorRef<Asked> asked) {
    this.asked = asked;
  }

  @Override
  public void attach(ActorRef<Session.Command> session) {}

  @Override
  public void readNext() {
    asked.tell(Asked.READ_NEXT);
  }

  @Override
  public void close() {
    asked.tell(Asked.CLOSE);
  }
}
