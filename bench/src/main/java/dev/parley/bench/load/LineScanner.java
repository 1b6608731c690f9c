package dev.parley.bench.load;

/**
 * Tells what a line from the server is, and for a message when it was sent, by looking at its bytes
 * only. One per client loop; what it reports is about the line scanned last.
 */
public interface LineScanner {

  enum Kind {
    /** A live message to a member other than its sender. */
    DELIVERY,
    /** The sender's own message, answering what it sent. */
    ECHO,
    REPLAYED,
    WELCOME,
    JOINED,
    GAP,
    ERROR,
    BYE,
    /** The server asks for an answer: {@link #answer()}. */
    PING,
    OTHER
  }

  long NO_SEND_TIME = -1;

  /** No client's index: the line does not name its sender as the generator does. */
  int NO_SENDER = -1;

  /** The kind of the line {@code bytes[from, to)}. */
  Kind scan(byte[] bytes, int from, int to);

  /** The send time in the text of the last message scanned, or {@link #NO_SEND_TIME}. */
  long sentAt();

  /** The index of the client that sent the last message scanned, or {@link #NO_SENDER}. */
  default int senderIndex() {
    return NO_SENDER;
  }

  /** The line that answers the last {@link Kind#PING}. */
  default byte[] answer() {
    throw new IllegalStateException("this protocol has no ping to answer");
  }
}
