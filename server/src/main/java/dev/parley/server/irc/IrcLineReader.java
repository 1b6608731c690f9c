package dev.parley.server.irc;

import dev.parley.server.session.Inbound;
import dev.parley.server.transport.LineSplitter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;

/**
 * Reads an IRC client's messages from its bytes, one reader a connection. A line ends with LF, a CR
 * before it dropped; empty lines are ignored. A line is too long when the part without its tags
 * passes {@code maxMessageBytes} with its CR LF, or its tags, from {@code '@'} to the space after
 * them, pass {@code maxTagBytes}; it is reported once and skipped, and what is held of a line never
 * passes the two limits together.
 */
public final class IrcLineReader {

  /** The modern IRC client protocol's limit on a line without its tags, CR LF included. */
  public static final int DEFAULT_MAX_MESSAGE_BYTES = 512;

  /** IRCv3 message-tags' limit on the tags, their leading '@' and trailing space included. */
  public static final int DEFAULT_MAX_TAG_BYTES = 8191;

  // counted in every line's length, whether the client ended it with CR LF or LF alone
  private static final int CRLF_BYTES = 2;

  private final int maxMessageBytes;
  private final int maxTagBytes;
  private final LineSplitter lines;
  private final CharsetDecoder utf8 =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  public IrcLineReader() {
    this(DEFAULT_MAX_MESSAGE_BYTES, DEFAULT_MAX_TAG_BYTES);
  }

  public IrcLineReader(int maxMessageBytes, int maxTagBytes) {
    if (maxMessageBytes <= CRLF_BYTES || maxTagBytes < 0) {
      throw new IllegalArgumentException(
          "a message has more than "
              + CRLF_BYTES
              + " bytes, and tags at least 0: "
              + maxMessageBytes
              + ", "
              + maxTagBytes);
    }
    this.maxMessageBytes = maxMessageBytes;
    this.maxTagBytes = maxTagBytes;
    this.lines = new LineSplitter(maxTagBytes + maxMessageBytes);
  }

  public List<Inbound> read(ByteString chunk) {
    List<LineSplitter.Line> complete = lines.split(chunk);
    var arrivals = new ArrayList<Inbound>(complete.size());
    for (LineSplitter.Line line : complete) {
      if (!(line instanceof LineSplitter.Complete read)) {
        arrivals.add(IrcArrival.TooLong.INSTANCE);
        continue;
      }
      ByteString bytes = withoutCr(read.bytes());
      if (!isBlank(bytes)) {
        arrivals.add(arrival(bytes));
      }
    }
    return arrivals;
  }

  private IrcArrival arrival(ByteString line) {
    if (isTooLong(line)) {
      return IrcArrival.TooLong.INSTANCE;
    }
    String text;
    try {
      text = utf8.reset().decode(line.asByteBuffer()).toString();
    } catch (CharacterCodingException e) {
      return IrcArrival.NotUtf8.INSTANCE;
    }
    try {
      return new IrcArrival.Line(IrcMessage.parse(text));
    } catch (IrcSyntaxException e) {
      return new IrcArrival.Malformed(e.getMessage());
    }
  }

  private boolean isTooLong(ByteString line) {
    int start = 0;
    while (start < line.length() && line.apply(start) == ' ') {
      start++;
    }
    int tagBytes = 0;
    if (line.apply(start) == '@') {
      int space = line.indexOf((byte) ' ', start);
      tagBytes = (space < 0 ? line.length() : space + 1) - start;
    }
    return tagBytes > maxTagBytes || line.length() - tagBytes + CRLF_BYTES > maxMessageBytes;
  }

  private static ByteString withoutCr(ByteString line) {
    boolean endsWithCr = !line.isEmpty() && line.apply(line.length() - 1) == '\r';
    return endsWithCr ? line.dropRight(1) : line;
  }

  private static boolean isBlank(ByteString line) {
    for (int i = 0; i < line.length(); i++) {
      if (line.apply(i) != ' ') {
        return false;
      }
    }
    return true;
  }
}
