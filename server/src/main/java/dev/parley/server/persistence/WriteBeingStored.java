package dev.parley.server.persistence;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.LongConsumer;
import java.util.function.LongSupplier;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * The write of an event-sourced actor in flight, and what is to follow it. A failed write restarts
 * the actor ({@link Store#RESTART_AFTER_FAILURE}), which reads the store again and knows nothing of
 * the write. A failed write may still be stored, all of it: the store committed it, and the answer
 * was lost or came after the journal gave up waiting. So once the actor has read the store again,
 * its sequence number tells which: what was to follow a stored write follows it then, with the
 * state read; a lost write is made again, so that the client waiting for its answer gets one once
 * the store takes writes again, and gets one answer. The actor's own fields outlive the restart,
 * this one with them.
 *
 * @param <S> the actor's state
 */
public final class WriteBeingStored<S> {

  private final LongSupplier lastSequenceNumber;
  private final LongConsumer storedInNanos;
  private long lastSequenceNumberOnceStored;
  private Consumer<S> whenStored;
  private Runnable again;

  /**
   * @param lastSequenceNumber the actor's {@code lastSequenceNumber(context)}, asked only within
   *     its handlers
   * @param storedInNanos told how long each write took to be stored
   */
  public WriteBeingStored(LongSupplier lastSequenceNumber, LongConsumer storedInNanos) {
    this.lastSequenceNumber = lastSequenceNumber;
    this.storedInNanos = storedInNanos;
  }

  /**
   * Stores {@code events}, then runs {@code whenStored}, now or after a restart. {@code again}
   * makes the write anew if it was lost: it hands the actor its command again, say. Whatever a
   * write changes besides its events must change in {@code whenStored}, so that making it again
   * finds nothing half done.
   */
  public <E> EffectBuilder<E, S> persist(
      EffectFactories<E, S> effects,
      List<? extends E> events,
      Runnable again,
      Consumer<S> whenStored) {
    this.lastSequenceNumberOnceStored = lastSequenceNumber.getAsLong() + events.size();
    this.whenStored = whenStored;
    this.again = again;
    long handedOverAt = System.nanoTime();
    return effects
        .persist(List.<E>copyOf(events))
        .thenRun(
            state -> {
              storedInNanos.accept(System.nanoTime() - handedOverAt);
              forget();
              whenStored.accept(state);
            });
  }

  /** Once the actor has read the store again: follows up the write that failed, if any. */
  public void recovered(S state) {
    if (whenStored == null) {
      return;
    }
    boolean stored = lastSequenceNumber.getAsLong() >= lastSequenceNumberOnceStored;
    Consumer<S> storedFollowUp = whenStored;
    Runnable lostFollowUp = again;
    forget();
    if (stored) {
      storedFollowUp.accept(state);
    } else {
      lostFollowUp.run();
    }
  }

  private void forget() {
    whenStored = null;
    again = null;
  }
}
