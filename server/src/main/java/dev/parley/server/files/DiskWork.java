package dev.parley.server.files;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.ActorContext;

/** Work on the disk, run on the dispatcher for blocking I/O, whose end an actor is told. */
final class DiskWork<T> {

  private final ActorContext<T> context;
  private final Executor blockingIo;

  DiskWork(ActorContext<T> context) {
    this.context = context;
    this.blockingIo = context.getSystem().dispatchers().lookup(DispatcherSelector.blocking());
  }

  /** Runs {@code work} and tells the actor what it returns, or {@code onFailure} of its failure. */
  void run(Supplier<? extends T> work, Function<Throwable, ? extends T> onFailure) {
    context.pipeToSelf(
        CompletableFuture.supplyAsync(work, blockingIo),
        (result, failure) -> failure == null ? result : onFailure.apply(failure));
  }
}
