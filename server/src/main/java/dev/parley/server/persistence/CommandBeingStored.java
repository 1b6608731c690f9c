package dev.parley.server.persistence;

import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.EffectBuilder;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * The command of an event-sourced actor whose events are being stored. A failed write restarts the
 * actor ({@link Store#RESTART_AFTER_FAILURE}), which reads the store again and knows nothing of the
 * command; the command is then handled anew, so that the client waiting for its answer gets one
 * once the store takes writes again. The actor's own fields outlive such a restart, this one with
 * them.
 *
 * @param <C> the actor's commands
 */
public final class CommandBeingStored<C> {

  private C command;

  /**
   * Stores the events of {@code command}; what is to follow the write is chained with {@code
   * thenRun}. A command that changes more than its events must change it there, so that handling it
   * again after a failed write finds nothing half done.
   */
  public <E, S> EffectBuilder<E, S> persist(
      EffectFactories<E, S> effects, C command, List<? extends E> events) {
    this.command = command;
    return effects.persist(List.<E>copyOf(events)).thenRun(stored -> this.command = null);
  }

  /** Once the actor has read the store again: hands it the command whose write failed, if any. */
  public void handleAgain(ActorRef<C> self) {
    if (command != null) {
      self.tell(command);
      command = null;
    }
  }
}
