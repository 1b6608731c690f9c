package dev.parley.bench.irc;

import dev.parley.bench.load.LineScanner;
import dev.parley.bench.wire.Ascii;
import java.util.Arrays;

/**
 * Tells what an IRC line from the server is by its bytes, with or without message tags ({@code
 * @time=...}) and with or without a prefix. A {@code PRIVMSG} is a delivery, its sender the digits
 * of a generator's nick ({@code :u12!...}) and its send time the digits that start its text; the end
 * of the MOTD (376, or 422 when there is none) is the welcome; 366 (end of NAMES) of one of the
 * generator's channels is the join; other 4xx and 5xx numerics are errors; {@code ERROR} is the
 * server closing the connection.
 */
final class IrcLineScanner implements LineScanner {

  private static final byte[] PRIVMSG = Ascii.bytes("PRIVMSG ");
  private static final byte[] PING = Ascii.bytes("PING");
  private static final byte[] PONG = Ascii.bytes("PONG");
  private static final byte[] ERROR = Ascii.bytes("ERROR");
  private static final byte[] CRLF = Ascii.bytes("\r\n");
  private static final byte[] TEXT = Ascii.bytes(" :");
  private static final int END_OF_MOTD = 376;
  private static final int NO_MOTD = 422;
  private static final int END_OF_NAMES = 366;
  private static final int FIRST_ERROR = 400;
  private static final int LAST_ERROR = 599;

  private final byte[] channelPrefix;
  private long sentAt = NO_SEND_TIME;
  private int senderIndex = NO_SENDER;
  private byte[] answer;

  /**
   * @param channelPrefix how the channels start whose 366 is a {@code JOINED}
   */
  IrcLineScanner(String channelPrefix) {
    this.channelPrefix = Ascii.bytes(channelPrefix);
  }

  @Override
  public Kind scan(byte[] bytes, int from, int to) {
    sentAt = NO_SEND_TIME;
    senderIndex = NO_SENDER;
    if (to > from && bytes[to - 1] == '\r') {
      to--;
    }
    int at = from;
    if (at < to && bytes[at] == '@') {
      at = afterSpace(bytes, at, to);
    }
    int prefix = -1;
    if (at < to && bytes[at] == ':') {
      prefix = at + 1;
      at = afterSpace(bytes, at, to);
    }
    if (at >= to) {
      return Kind.OTHER;
    }
    if (Ascii.startsWith(bytes, at, to, PRIVMSG)) {
      return scanPrivmsg(bytes, prefix, at + PRIVMSG.length, to);
    }
    int numeric = numeric(bytes, at, to);
    if (numeric >= 0) {
      return scanNumeric(bytes, numeric, at + 4, to);
    }
    if (isCommand(bytes, at, to, PING)) {
      // PONG with the PING's parameters
      answer = Arrays.copyOf(PONG, PONG.length + (to - at - PING.length) + CRLF.length);
      System.arraycopy(bytes, at + PING.length, answer, PONG.length, to - at - PING.length);
      System.arraycopy(CRLF, 0, answer, answer.length - CRLF.length, CRLF.length);
      return Kind.PING;
    }
    if (isCommand(bytes, at, to, ERROR)) {
      return Kind.BYE;
    }
    return Kind.OTHER;
  }

  @Override
  public long sentAt() {
    return sentAt;
  }

  @Override
  public int senderIndex() {
    return senderIndex;
  }

  @Override
  public byte[] answer() {
    if (answer == null) {
      throw new IllegalStateException("no PING was scanned");
    }
    return answer;
  }

  private Kind scanPrivmsg(byte[] bytes, int prefix, int target, int to) {
    int text = Ascii.indexOf(bytes, target, to, TEXT);
    if (text < 0) {
      return Kind.OTHER;
    }
    int digits = text + TEXT.length;
    long value = 0;
    int at = digits;
    for (; at < to && bytes[at] >= '0' && bytes[at] <= '9'; at++) {
      value = value * 10 + (bytes[at] - '0');
    }
    sentAt = at > digits ? value : NO_SEND_TIME;
    if (prefix >= 0) {
      senderIndex = generatorNickIndex(bytes, prefix, text);
    }
    return Kind.DELIVERY;
  }

  private Kind scanNumeric(byte[] bytes, int numeric, int params, int to) {
    if (numeric == END_OF_MOTD || numeric == NO_MOTD) {
      return Kind.WELCOME;
    }
    if (numeric == END_OF_NAMES) {
      // 366 <me> <channel> :End of NAMES list
      int channel = afterSpace(bytes, params, to);
      return Ascii.startsWith(bytes, channel, to, channelPrefix) ? Kind.JOINED : Kind.OTHER;
    }
    return numeric >= FIRST_ERROR && numeric <= LAST_ERROR ? Kind.ERROR : Kind.OTHER;
  }

  /** The index in a nick {@code u<index>} that ends the prefix or its nick part, else -1. */
  private static int generatorNickIndex(byte[] bytes, int nick, int to) {
    if (nick >= to || bytes[nick] != 'u') {
      return NO_SENDER;
    }
    int index = 0;
    int at = nick + 1;
    for (;
        at < to && bytes[at] >= '0' && bytes[at] <= '9' && index < Integer.MAX_VALUE / 10;
        at++) {
      index = index * 10 + (bytes[at] - '0');
    }
    boolean ended = at < to && (bytes[at] == '!' || bytes[at] == '@' || bytes[at] == ' ');
    return at > nick + 1 && ended ? index : NO_SENDER;
  }

  /** Three digits and a space, as a number; else -1. */
  private static int numeric(byte[] bytes, int at, int to) {
    if (to - at < 4 || bytes[at + 3] != ' ') {
      return -1;
    }
    int value = 0;
    for (int i = at; i < at + 3; i++) {
      if (bytes[i] < '0' || bytes[i] > '9') {
        return -1;
      }
      value = value * 10 + (bytes[i] - '0');
    }
    return value;
  }

  private static boolean isCommand(byte[] bytes, int at, int to, byte[] command) {
    int end = at + command.length;
    return Ascii.startsWith(bytes, at, to, command) && (end == to || bytes[end] == ' ');
  }

  /** Where the next word starts after the one at {@code at}, or {@code to}. */
  private static int afterSpace(byte[] bytes, int at, int to) {
    int space = Ascii.indexOf(bytes, at, to, (byte) ' ');
    return space < 0 ? to : space + 1;
  }
}
