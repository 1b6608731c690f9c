package dev.parley.bench.load;

import dev.parley.bench.wire.Ascii;

/**
 * Tells what a line from the server is, and for a message when it was sent, by looking at its bytes
 * only: decoding every JSON line would make the generator, not the server, the bottleneck. It
 * relies on what the generator itself sends, texts without quotes or escapes, and on how both
 * servers write a message, with the protocol module's codec: {@code re} right after the type,
 * {@code replay} last. A message's bytes are read once, up to the end of the send time.
 */
public final class ServerLineScanner implements LineScanner {

  private static final byte[] TYPE_KEY = Ascii.bytes("\"type\":\"");
  private static final byte[] MESSAGE = Ascii.bytes("message\"");
  private static final byte[] WELCOME = Ascii.bytes("welcome\"");
  private static final byte[] JOINED = Ascii.bytes("joined\"");
  private static final byte[] GAP = Ascii.bytes("gap\"");
  private static final byte[] ERROR = Ascii.bytes("error\"");
  private static final byte[] BYE = Ascii.bytes("bye\"");
  private static final byte[] RE_KEY = Ascii.bytes(",\"re\":");
  private static final byte[] TEXT_KEY = Ascii.bytes("\"text\":\"");
  private static final byte[] REPLAY_TRUE = Ascii.bytes(",\"replay\":true}");

  private long sentAt = NO_SEND_TIME;

  @Override
  public Kind scan(byte[] bytes, int from, int to) {
    sentAt = NO_SEND_TIME;
    // the type comes first from both servers; it is searched for only in a line from elsewhere
    int type =
        Ascii.startsWith(bytes, from + 1, to, TYPE_KEY)
            ? from + 1
            : Ascii.indexOf(bytes, from, to, TYPE_KEY);
    if (type < 0) {
      return Kind.OTHER;
    }
    int name = type + TYPE_KEY.length;
    if (Ascii.startsWith(bytes, name, to, MESSAGE)) {
      return scanMessage(bytes, name + MESSAGE.length, to);
    } else if (Ascii.startsWith(bytes, name, to, WELCOME)) {
      return Kind.WELCOME;
    } else if (Ascii.startsWith(bytes, name, to, JOINED)) {
      return Kind.JOINED;
    } else if (Ascii.startsWith(bytes, name, to, GAP)) {
      return Kind.GAP;
    } else if (Ascii.startsWith(bytes, name, to, ERROR)) {
      return Kind.ERROR;
    } else if (Ascii.startsWith(bytes, name, to, BYE)) {
      return Kind.BYE;
    }
    return Kind.OTHER;
  }

  @Override
  public long sentAt() {
    return sentAt;
  }

  private Kind scanMessage(byte[] bytes, int afterType, int to) {
    int replay = to - REPLAY_TRUE.length;
    if (replay >= afterType && Ascii.startsWith(bytes, replay, to, REPLAY_TRUE)) {
      return Kind.REPLAYED;
    }
    int text = Ascii.indexOf(bytes, afterType, to, TEXT_KEY);
    if (text < 0) {
      return Kind.OTHER;
    }
    int digits = text + TEXT_KEY.length;
    long value = 0;
    int at = digits;
    for (; at < to && bytes[at] >= '0' && bytes[at] <= '9'; at++) {
      value = value * 10 + (bytes[at] - '0');
    }
    sentAt = at > digits ? value : NO_SEND_TIME;
    return Ascii.startsWith(bytes, afterType, text, RE_KEY) ? Kind.ECHO : Kind.DELIVERY;
  }
}
