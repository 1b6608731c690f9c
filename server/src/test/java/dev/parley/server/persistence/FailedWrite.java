package dev.parley.server.persistence;

import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.pekko.persistence.testkit.JournalOperation;
import org.apache.pekko.persistence.testkit.ProcessingPolicy;
import org.apache.pekko.persistence.testkit.ProcessingResult;
import org.apache.pekko.persistence.testkit.ProcessingSuccess;
import org.apache.pekko.persistence.testkit.StorageFailure;
import org.apache.pekko.persistence.testkit.WriteEvents;
import org.apache.pekko.persistence.testkit.javadsl.PersistenceTestKit;

/** How the next write to Pekko's test journal fails; the writes after it pass. */
public enum FailedWrite {
  /** Nothing of it is stored. */
  LOST {
    @Override
    public void next(PersistenceTestKit journal) {
      journal.failNextPersisted();
    }
  },
  /** All of it is stored, and yet it is reported failed, as when a store's answer is lost. */
  STORED {
    @Override
    public void next(PersistenceTestKit journal) {
      journal.withPolicy(new StoredButFailed(journal));
    }
  };

  /** Makes the next write to {@code journal} fail so. */
  public abstract void next(PersistenceTestKit journal);

  private static final class StoredButFailed implements ProcessingPolicy<JournalOperation> {

    private final PersistenceTestKit journal;
    private final AtomicBoolean armed = new AtomicBoolean(true);

    StoredButFailed(PersistenceTestKit journal) {
      this.journal = journal;
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
}
