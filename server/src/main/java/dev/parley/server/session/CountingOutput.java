package dev.parley.server.session;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * A connection's output that counts the bytes handed over and not yet taken, and remembers whether
 * the session waits to be told once they are: kept by the session's thread and the connection's
 * together. A front door says how the output goes on, and when the connection took some.
 */
abstract class CountingOutput implements ConnectionOutput {

  private final AtomicLong pendingBytes = new AtomicLong();
  private final AtomicBoolean sessionWaits = new AtomicBoolean();
  private volatile ActorRef<Session.Command> session;

  /** Passes the output on to the connection. */
  protected abstract void passOn(Outbound outbound);

  @Override
  public final void attach(ActorRef<Session.Command> session) {
    this.session = session;
  }

  @Override
  public final void handOver(Outbound outbound) {
    if (outbound instanceof Outbound.Frames frames) {
      pendingBytes.addAndGet(frames.bytes().length());
    }
    passOn(outbound);
  }

  @Override
  public final long pendingBytes() {
    return pendingBytes.get();
  }

  @Override
  public final boolean takenOrTellWhenTaken() {
    if (pendingBytes.get() == 0) {
      return true;
    }
    sessionWaits.set(true);
    // the connection may have taken the rest before it could see the wish
    return pendingBytes.get() == 0;
  }

  /** The connection took {@code count} bytes; answers whether the session is to be told. */
  final boolean taken(long count) {
    // lowered before the wish is read, as the session wishes before it reads the count again
    return pendingBytes.addAndGet(-count) == 0 && sessionWaits.getAndSet(false);
  }

  /** Tells the session that the connection took everything, as it asked to be told. */
  final void tellTaken() {
    session.tell(Session.OutputTaken.INSTANCE);
  }
}
