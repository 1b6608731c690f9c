package dev.parley.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.bench.wire.StreamLineReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * One blocking connection to the server, one frame at a time: a frame is sent with an {@code id}
 * and its answer is the first frame with that {@code re}; whatever else comes meanwhile (other
 * members' messages and events) is read and dropped, so the socket never backs up.
 */
final class SoakConnection implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int READ_BUFFER_BYTES = 64 * 1024;

  /** The server closed the connection or said {@code bye} to a frame it did not answer. */
  static final class Closed extends IOException {
    Closed(String message) {
      super(message);
    }
  }

  private final Socket socket;
  private final OutputStream out;
  private final StreamLineReader reader;
  private final Duration answerTimeout;
  private final ArrayDeque<JsonNode> received = new ArrayDeque<>();
  private int nextId = 1;

  private SoakConnection(Socket socket, Duration answerTimeout) throws IOException {
    this.socket = socket;
    this.out = socket.getOutputStream();
    this.reader = new StreamLineReader(socket.getInputStream(), READ_BUFFER_BYTES);
    this.answerTimeout = answerTimeout;
  }

  static SoakConnection open(InetSocketAddress server, Duration answerTimeout) throws IOException {
    var socket = new Socket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(server, (int) answerTimeout.toMillis());
      return new SoakConnection(socket, answerTimeout);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
  }

  static ObjectNode frame(String type) {
    return JSON.createObjectNode().put("type", type);
  }

  /** Sends the frame with a new {@code id} and returns the first answer of one of the types. */
  JsonNode ask(ObjectNode frame, Set<String> answerTypes) throws IOException {
    int id = send(frame);
    long deadline = System.nanoTime() + answerTimeout.toNanos();
    while (true) {
      JsonNode next = next(deadline, frame);
      if (isAnswer(next, id) && answerTypes.contains(next.path("type").asText())) {
        return next;
      }
    }
  }

  /**
   * Asks for a page of {@code history}: its {@code message} frames, oldest first, up to the {@code
   * history_end}; an {@code error} instead throws.
   */
  List<Ledger.Message> historyPage(String room, long afterSeq, int limit) throws IOException {
    var frame = frame("history").put("room", room).put("after_seq", afterSeq).put("limit", limit);
    int id = send(frame);
    long deadline = System.nanoTime() + answerTimeout.toNanos();
    var page = new ArrayList<Ledger.Message>();
    while (true) {
      JsonNode next = next(deadline, frame);
      if (!isAnswer(next, id)) {
        continue;
      }
      switch (next.path("type").asText()) {
        case "message":
          page.add(
              new Ledger.Message(
                  next.path("room").asText(),
                  next.path("seq").asLong(),
                  next.path("text").asText()));
          break;
        case "history_end":
          return page;
        default:
          throw new IOException("history of " + room + " answered " + next);
      }
    }
  }

  /** Reads and drops what comes for this long; a {@code bye} meanwhile throws. */
  void idle(Duration pause) throws IOException {
    long deadline = System.nanoTime() + pause.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        next(deadline, null);
      } catch (SocketTimeoutException e) {
        return;
      }
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }

  private int send(ObjectNode frame) throws IOException {
    int id = nextId++;
    frame.put("id", id);
    out.write((JSON.writeValueAsString(frame) + "\n").getBytes(StandardCharsets.UTF_8));
    out.flush();
    return id;
  }

  private static boolean isAnswer(JsonNode frame, int id) {
    return frame.path("re").asInt(-1) == id;
  }

  // the next frame that came; a bye that answers nothing ends the connection
  private JsonNode next(long deadlineNanos, ObjectNode asked) throws IOException {
    while (received.isEmpty()) {
      long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("no answer in time to " + asked);
      }
      socket.setSoTimeout((int) leftMillis);
      int read;
      try {
        read =
            reader.read(
                (bytes, from, to) -> {
                  try {
                    received.add(
                        JSON.readTree(new String(bytes, from, to - from, StandardCharsets.UTF_8)));
                  } catch (IOException e) {
                    throw new IllegalStateException("the server sent no JSON", e);
                  }
                });
      } catch (SocketTimeoutException e) {
        if (asked == null) {
          throw e;
        }
        throw new SocketTimeoutException("no answer in time to " + asked);
      }
      if (read < 0) {
        throw new EOFException(
            "the server closed the connection" + (asked == null ? "" : " after " + asked));
      }
    }
    JsonNode frame = received.poll();
    if ("bye".equals(frame.path("type").asText()) && !frame.has("re")) {
      throw new Closed("the server said " + frame);
    }
    return frame;
  }
}
