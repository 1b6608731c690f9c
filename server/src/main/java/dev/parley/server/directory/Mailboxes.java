package dev.parley.server.directory;

import dev.parley.protocol.ServerFrame;
import java.util.List;

/** Direct messages kept for registered users while they are offline, in the order sent. */
public interface Mailboxes {

  /** Keeps {@code message} for {@code recipient} (a canonical nick); false when the box is full. */
  boolean deposit(String recipient, ServerFrame.Direct message);

  /** Takes everything kept for {@code recipient}, oldest first. */
  List<ServerFrame.Direct> collect(String recipient);
}
