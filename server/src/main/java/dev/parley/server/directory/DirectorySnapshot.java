package dev.parley.server.directory;

import dev.parley.server.persistence.Stored;
import java.util.List;

/** The directory as stored in a snapshot: the registered accounts, all blocks, all kept mail. */
public record DirectorySnapshot(
    List<DirectoryEvent.AccountRegistered> accounts,
    List<DirectoryEvent.BlocksSet> blocks,
    List<DirectoryEvent.MailKept> mail)
    implements Stored {

  public DirectorySnapshot {
    accounts = List.copyOf(accounts);
    blocks = List.copyOf(blocks);
    mail = List.copyOf(mail);
  }
}
