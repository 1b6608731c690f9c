package dev.parley.server.http;

import dev.parley.protocol.ErrorCode;
import dev.parley.server.session.Inbound;
import dev.parley.server.session.JsonDialect;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;

/**
 * Reads a client's frames from its WebSocket messages: a text message is one frame, decoded as a
 * line of TCP is, and bound as a line is (without its newline); a longer one is read to its end and
 * answered {@code frame_too_large} without being held; a binary message is drained and answered
 * {@code bad_frame}.
 */
final class WebSocketFrameReader {

  private final JsonDialect json;
  private final Materializer materializer;
  // a line of TCP holds max-frame-bytes with its newline; the same objects fit a text message
  private final int maxTextBytes;

  WebSocketFrameReader(int maxFrameBytes, JsonDialect json, Materializer materializer) {
    this.json = json;
    this.materializer = materializer;
    this.maxTextBytes = maxFrameBytes - 1;
  }

  CompletionStage<Inbound> read(Message message) {
    if (!message.isText()) {
      message.asBinaryMessage().getStreamedData().runWith(Sink.ignore(), materializer);
      return CompletableFuture.completedFuture(
          new Inbound.Undecodable(
              ErrorCode.BAD_FRAME,
              "binary messages are not read: send each frame as a text message of JSON",
              null));
    }
    TextMessage text = message.asTextMessage();
    if (text.isStrict()) {
      return CompletableFuture.completedFuture(decode(text.getStrictText()));
    }
    return text.getStreamedText()
        .runWith(Sink.fold(new BoundedText(maxTextBytes), BoundedText::append), materializer)
        .thenApply(bounded -> bounded.tooLong ? tooLarge() : decode(bounded.text.toString()));
  }

  private Inbound decode(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    if (bytes.length > maxTextBytes) {
      return tooLarge();
    }
    return json.decode(ByteBuffer.wrap(bytes));
  }

  private Inbound tooLarge() {
    return new Inbound.Undecodable(
        ErrorCode.FRAME_TOO_LARGE,
        "a text message has at most " + maxTextBytes + " bytes; this one was skipped",
        null);
  }

  /** The text of a message as it streams in, kept only while it is within the bound. */
  private static final class BoundedText {

    private final int maxBytes;
    private final StringBuilder text = new StringBuilder();
    private long bytes;
    private boolean tooLong;

    BoundedText(int maxBytes) {
      this.maxBytes = maxBytes;
    }

    BoundedText append(String part) {
      if (tooLong) {
        return this;
      }
      bytes += utf8Length(part);
      if (bytes > maxBytes) {
        tooLong = true;
        text.setLength(0);
      } else {
        text.append(part);
      }
      return this;
    }

    private static long utf8Length(String part) {
      long length = 0;
      for (int i = 0; i < part.length(); i++) {
        char c = part.charAt(i);
        if (c < 0x80) {
          length += 1;
        } else if (c < 0x800) {
          length += 2;
        } else if (Character.isHighSurrogate(c)) {
          // with its low surrogate, one code point of four bytes
          length += 4;
          i++;
        } else {
          length += 3;
        }
      }
      return length;
    }
  }
}
