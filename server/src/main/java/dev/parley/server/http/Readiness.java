package dev.parley.server.http;

import java.util.concurrent.atomic.AtomicReference;

/**
 * Whether the server takes chat now, for {@code /health/ready}: not before the store has been read
 * and every listener is bound, and no more once it shuts down.
 */
public final class Readiness {

  /** Where the server is in its life, as a load balancer needs to know it. */
  public enum Phase {
    STARTING("the store is being read and the listeners bound"),
    READY("ready"),
    STOPPING("the server is shutting down");

    private final String description;

    Phase(String description) {
      this.description = description;
    }

    public String description() {
      return description;
    }
  }

  private final AtomicReference<Phase> phase = new AtomicReference<>(Phase.STARTING);

  public Phase phase() {
    return phase.get();
  }

  /** Ready, unless it is already stopping. */
  public void ready() {
    phase.compareAndSet(Phase.STARTING, Phase.READY);
  }

  public void stopping() {
    phase.set(Phase.STOPPING);
  }
}
