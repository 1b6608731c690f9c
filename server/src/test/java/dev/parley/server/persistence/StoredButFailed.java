package dev.parley.server.persistence;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.persistence.testkit.JournalOperation;
import org.apache.pekko.persistence.testkit.ProcessingPolicy;
import org.apache.pekko.persistence.testkit.ProcessingResult;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.StorageFailure;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;

/**
 * A policy of Pekko's test journal: the next write is stored, all of it, and yet reported failed,
 * as when a store commits and its answer is lost. The writes after it pass.
 */
public final class StoredButFailed implements ProcessingPolicy<JournalOperation> {

  private final PersistenceTestKit journal;
  private final AtomicBoolean armed = new AtomicBoolean(true);

  private StoredButFailed(PersistenceTestKit journal) {
    this.journal = journal;
  }

  /** Makes the next write to {@code journal} stored but failed. */
  public static void next(PersistenceTestKit journal) {
    journal.withPolicy(new StoredButFailed(journal));
  }

  @Override
  public ProcessingResult tryProcess(String persistenceId, JournalOperation operation) {
    if (operation instanceof WriteEvents write && armed.compareAndSet(true, false)) {
      journal.persistForRecovery(persistenceId, write.getBatch());
      return StorageFailure.create(new IllegalStateException("stored, but the answer was lost"));
    }
    return ProcessingSuccess.getInstance();
  }
}
