package dev.parley.bench.soak;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * The says the server acknowledged, each with the room and {@code seq} of its echo, and their
 * comparison with what the rooms' history holds. Texts are unique, so a text names its message. One
 * ledger per client thread; the soak merges them at the end.
 */
public final class Ledger {

  /** A room message: acknowledged to its sender, or read from a {@code history} page. */
  public record Message(String room, long seq, String text) {}

  /**
   * How the acknowledged messages were found in history: once at their {@code seq}, not at all,
   * more than once, or once at another {@code seq}.
   */
  public record Verdict(long once, long missing, long duplicated, long misplaced) {

    public boolean allOnce() {
      return missing == 0 && duplicated == 0 && misplaced == 0;
    }
  }

  private final List<Message> acknowledged = new ArrayList<>();

  public void acknowledge(Message message) {
    acknowledged.add(message);
  }

  public void addAll(Ledger other) {
    acknowledged.addAll(other.acknowledged);
  }

  public int size() {
    return acknowledged.size();
  }

  /** The rooms' history, every page of every room, against the acknowledged messages. */
  public Verdict check(List<Message> history) {
    var stored = new HashMap<Key, List<Long>>();
    for (Message message : history) {
      stored
          .computeIfAbsent(new Key(message.room(), message.text()), key -> new ArrayList<>())
          .add(message.seq());
    }
    long once = 0;
    long missing = 0;
    long duplicated = 0;
    long misplaced = 0;
    for (Message message : acknowledged) {
      List<Long> seqs = stored.getOrDefault(new Key(message.room(), message.text()), List.of());
      if (seqs.isEmpty()) {
        missing++;
      } else if (seqs.size() > 1) {
        duplicated++;
      } else if (seqs.get(0) != message.seq()) {
        misplaced++;
      } else {
        once++;
      }
    }
    return new Verdict(once, missing, duplicated, misplaced);
  }

  private record Key(String room, String text) {}
}
