package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;

/**
 * A test client of the chat over WebSocket, as a browser's page is: the JDK's WebSocket client,
 * with an {@code Origin} header when it is to look like a page. Each text message it receives is
 * one frame; it reads only when the test asks it to, so a test that stops asking is a client that
 * stops reading.
 */
final class WebSocketClient implements AutoCloseable {

  /** The end of the connection, as a received item. */
  private record Closed(int status, String reason) {}

  private final WebSocket socket;
  private final Collecting listener;
  private final BlockingQueue<Object> received;
  private static final String LOBBY = "lobby";

  private final FrameCodec codec = new FrameCodec();
  private String lastText;
  private boolean ignoringLobbyPresence;

  private WebSocketClient(WebSocket socket, Collecting listener) {
    this.socket = socket;
    this.listener = listener;
    this.received = listener.received;
  }

  /** Connects as a client that is no browser: no {@code Origin}. */
  static WebSocketClient connect(InetSocketAddress http) {
    return connect(http, Optional.empty());
  }

  static WebSocketClient connect(InetSocketAddress http, Optional<String> origin) {
    try {
      return open(http, origin).toCompletableFuture().join();
    } catch (CompletionException e) {
      throw new IllegalStateException("cannot open " + uri(http), e.getCause());
    }
  }

  /** Opens a connection that the server may refuse: the status of its refusal, or 101. */
  static int handshakeStatus(InetSocketAddress http, Optional<String> origin) {
    try {
      open(http, origin).toCompletableFuture().join().close();
      return 101;
    } catch (CompletionException e) {
      if (e.getCause() instanceof WebSocketHandshakeException refused) {
        return refused.getResponse().statusCode();
      }
      throw e;
    }
  }

  static WebSocketClient login(InetSocketAddress http, String nick) {
    var client = connect(http);
    client.send("{\"type\":\"hello\",\"nick\":\"" + nick + "\"}");
    client.expect(ServerFrame.Welcome.class);
    client.ignoringLobbyPresence = true;
    var lobby = client.expect(ServerFrame.Joined.class);
    for (int i = 0; i < lobby.replay(); i++) {
      client.expect(ServerFrame.Message.class);
    }
    return client;
  }

  /** Connects over TLS (wss) to the HTTPS address, trusting what {@code tls} trusts. */
  static WebSocketClient connectSecure(
      InetSocketAddress https, SSLContext tls, Optional<String> origin) {
    var uri = URI.create("wss://" + https.getHostString() + ":" + https.getPort() + "/ws");
    try {
      return open(HttpClient.newBuilder().sslContext(tls).build(), uri, origin)
          .toCompletableFuture()
          .join();
    } catch (CompletionException e) {
      throw new IllegalStateException("cannot open " + uri, e.getCause());
    }
  }

  private static CompletionStage<WebSocketClient> open(
      InetSocketAddress http, Optional<String> origin) {
    return open(HttpClient.newHttpClient(), uri(http), origin);
  }

  private static CompletionStage<WebSocketClient> open(
      HttpClient client, URI uri, Optional<String> origin) {
    var listener = new Collecting(new LinkedBlockingQueue<>());
    WebSocket.Builder builder = client.newWebSocketBuilder().connectTimeout(RawClient.TIMEOUT);
    origin.ifPresent(value -> builder.header("Origin", value));
    return builder
        .buildAsync(uri, listener)
        .thenApply(socket -> new WebSocketClient(socket, listener));
  }

  static URI uri(InetSocketAddress http) {
    return URI.create("ws://" + http.getHostString() + ":" + http.getPort() + "/ws");
  }

  /** The origin of the pages the server at {@code http} serves. */
  static String ownOrigin(InetSocketAddress http) {
    return "http://" + http.getHostString() + ":" + http.getPort();
  }

  /** Takes nothing more from the socket: the server's output piles up, as for a stalled page. */
  void stopReading() {
    listener.stopped = true;
  }

  WebSocketClient send(String text) {
    socket.sendText(text, true).join();
    return this;
  }

  WebSocketClient sendBinary(byte[] bytes) {
    socket.sendBinary(ByteBuffer.wrap(bytes), true).join();
    return this;
  }

  /** Sends {@code text} in parts, as a streaming client does with a long message. */
  WebSocketClient sendInParts(String text, int partChars) {
    for (int start = 0; start < text.length(); start += partChars) {
      int end = Math.min(text.length(), start + partChars);
      socket.sendText(text.substring(start, end), end == text.length()).join();
    }
    return this;
  }

  /** The next frame; after {@link #login}, the lobby's joins and leaves are skipped as noise. */
  ServerFrame next() {
    while (true) {
      Object item = take("a frame");
      if (item instanceof Closed closed) {
        return fail("expected a frame, but the connection closed: " + closed);
      }
      lastText = (String) item;
      ServerFrame frame = codec.decodeServerFrame(lastText);
      if (!isLobbyPresence(frame)) {
        return frame;
      }
    }
  }

  private boolean isLobbyPresence(ServerFrame frame) {
    return ignoringLobbyPresence
        && ((frame instanceof ServerFrame.MemberJoined joined && joined.room().equals(LOBBY))
            || (frame instanceof ServerFrame.MemberLeft left && left.room().equals(LOBBY)));
  }

  String lastText() {
    return lastText;
  }

  <T extends ServerFrame> T expect(Class<T> type) {
    return expect(type, frame -> true, "");
  }

  <T extends ServerFrame> T expect(Class<T> type, Predicate<? super T> condition, String what) {
    ServerFrame frame = next();
    if (!type.isInstance(frame) || !condition.test(type.cast(frame))) {
      fail("expected " + type.getSimpleName() + " " + what + " but got " + lastText);
    }
    return type.cast(frame);
  }

  ServerFrame.Error expectError(ErrorCode code, FrameId re) {
    var error = expect(ServerFrame.Error.class, e -> e.code() == code, code.wireName());
    assertEquals(re, error.re(), "re of " + lastText);
    return error;
  }

  /** Waits for the server to close the connection, skipping any frame before. */
  void expectClosed() {
    for (Object item = take("the close"); !(item instanceof Closed); item = take("the close")) {
      lastText = (String) item;
    }
  }

  private Object take(String what) {
    try {
      Object item = received.poll(RawClient.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      if (item == null) {
        return fail("no " + what + " within " + RawClient.TIMEOUT);
      }
      return item;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public void close() {
    if (!socket.isOutputClosed()) {
      socket
          .sendClose(WebSocket.NORMAL_CLOSURE, "")
          .orTimeout(2, TimeUnit.SECONDS)
          .exceptionally(failed -> null)
          .join();
    }
    socket.abort();
  }

  /** Puts each whole text message, and the end, on the queue the test takes from. */
  private static final class Collecting implements WebSocket.Listener {

    private final BlockingQueue<Object> received;
    private final StringBuilder partial = new StringBuilder();
    private volatile boolean stopped;

    Collecting(BlockingQueue<Object> received) {
      this.received = received;
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        received.add(partial.toString());
        partial.setLength(0);
      }
      if (!stopped) {
        socket.request(1);
      }
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket socket, ByteBuffer data, boolean last) {
      received.add("binary from the server, which never sends one");
      socket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int status, String reason) {
      received.add(new Closed(status, reason));
      return CompletableFuture.completedFuture(null);
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
      received.add(new Closed(-1, String.valueOf(error)));
    }
  }
}
