package dev.parley.server.directory;

import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Mailboxes that live as long as the server runs; each holds at most {@code capacity}. */
public final class InMemoryMailboxes implements Mailboxes {

  private final int capacity;
  private final Map<String, List<ServerFrame.Direct>> boxes = new HashMap<>();

  public InMemoryMailboxes(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public boolean deposit(String recipient, ServerFrame.Direct message) {
    List<ServerFrame.Direct> box = boxes.computeIfAbsent(recipient, key -> new ArrayList<>());
    if (box.size() >= capacity) {
      return false;
    }
    box.add(message);
    return true;
  }

  @Override
  public List<ServerFrame.Direct> collect(String recipient) {
    List<ServerFrame.Direct> box = boxes.remove(recipient);
    return box == null ? List.of() : box;
  }
}
