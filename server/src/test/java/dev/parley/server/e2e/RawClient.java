package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A test client that speaks the protocol as raw JSON lines over a plain socket, so that a test can
 * send anything, also what no well-behaved client would: invalid UTF-8, over-long lines, bad JSON.
 * It reads only when the test asks it to: a test that stops asking is a client that stops reading.
 */
final class RawClient implements AutoCloseable {

  /** How long an expected frame, or the end of the connection, may take to arrive. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);
  private static final String LOBBY = "lobby";

  /** One frame as it arrived: the raw line, and what it decodes to. */
  private record Received(String line, ServerFrame frame) {}

  private final Socket socket;
  private final InputStream input;
  private final OutputStream output;
  private final FrameCodec codec = new FrameCodec();
  private final ObjectMapper json = new ObjectMapper();
  private final byte[] buffer = new byte[64 * 1024];
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private int bufferStart;
  private int bufferEnd;
  private boolean ended;
  // member_joined and member_left of the lobby, which every login joins: noise for most tests
  private boolean ignoringLobbyPresence;
  private String lastLine;

  private RawClient(Socket socket) throws IOException {
    this.socket = socket;
    this.input = socket.getInputStream();
    this.output = socket.getOutputStream();
  }

  static RawClient connect(InetSocketAddress server) {
    return connect(server, 0);
  }

  /** Connects from {@code local}, another loopback address, as another machine would. */
  static RawClient connectFrom(InetSocketAddress server, InetAddress local) {
    try {
      var socket = new Socket();
      socket.bind(new InetSocketAddress(local, 0));
      socket.connect(server, (int) TIMEOUT.toMillis());
      return new RawClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + server + " from " + local, e);
    }
  }

  /**
   * Connects with TLS, trusting what {@code tls} trusts and offering {@code protocols} (or the
   * JDK's), and finishes the handshake; the server's certificate is then {@link
   * #peerCertificate()}.
   */
  static RawClient connectTls(InetSocketAddress server, SSLContext tls, String... protocols) {
    try {
      var socket = (SSLSocket) tls.getSocketFactory().createSocket();
      if (protocols.length > 0) {
        socket.setEnabledProtocols(protocols);
      }
      socket.connect(server, (int) TIMEOUT.toMillis());
      socket.setSoTimeout((int) TIMEOUT.toMillis());
      socket.startHandshake();
      return new RawClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect with TLS to " + server, e);
    }
  }

  /** The TLS version the handshake agreed on. */
  String tlsProtocol() {
    return ((SSLSocket) socket).getSession().getProtocol();
  }

  /** The certificate the server presented, on a TLS connection. */
  X509Certificate peerCertificate() {
    try {
      return (X509Certificate) ((SSLSocket) socket).getSession().getPeerCertificates()[0];
    } catch (javax.net.ssl.SSLPeerUnverifiedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** With {@code receiveBufferBytes} above 0, the socket's receive buffer is made that small. */
  static RawClient connect(InetSocketAddress server, int receiveBufferBytes) {
    try {
      var socket = new Socket();
      if (receiveBufferBytes > 0) {
        socket.setReceiveBufferSize(receiveBufferBytes);
      }
      socket.setTcpNoDelay(true);
      socket.connect(server, (int) TIMEOUT.toMillis());
      return new RawClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + server, e);
    }
  }

  /**
   * Connects, says hello as {@code nick}, and takes the welcome and the lobby's {@code joined} with
   * its replay. From then on the lobby's member_joined and member_left are ignored.
   */
  static RawClient login(InetSocketAddress server, String nick) {
    return login(server, nick, 0);
  }

  static RawClient login(InetSocketAddress server, String nick, int receiveBufferBytes) {
    RawClient client = connect(server, receiveBufferBytes);
    client.sendFrame("hello", "nick", nick);
    return client.welcomedToTheLobby(nick);
  }

  /** As {@link #login(InetSocketAddress, String)}, for an account with its password. */
  static RawClient login(InetSocketAddress server, String nick, String password) {
    RawClient client = connect(server);
    client.sendFrame("hello", "nick", nick, "password", password);
    return client.welcomedToTheLobby(nick);
  }

  private RawClient welcomedToTheLobby(String nick) {
    expect(ServerFrame.Welcome.class, welcome -> welcome.nick().equals(nick), "welcome");
    var lobby = expect(ServerFrame.Joined.class, joined -> joined.room().equals(LOBBY), "");
    for (int i = 0; i < lobby.replay(); i++) {
      expect(ServerFrame.Message.class);
    }
    ignoringLobbyPresence = true;
    return this;
  }

  /** Sends {@code line} and its newline, as UTF-8. */
  RawClient sendLine(String line) {
    return sendBytes((line + "\n").getBytes(UTF_8));
  }

  /** Sends exactly these bytes. */
  RawClient sendBytes(byte[] bytes) {
    try {
      output.write(bytes);
      output.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send", e);
    }
  }

  /**
   * Sends {@code {"type": type, key: value, ...}} from alternating keys and values; a value may be
   * a string, a number, a boolean or null.
   */
  RawClient sendFrame(String type, Object... keysAndValues) {
    return sendLine(frame(type, keysAndValues));
  }

  String frame(String type, Object... keysAndValues) {
    if (keysAndValues.length % 2 != 0) {
      throw new IllegalArgumentException("keys and values must come in pairs");
    }
    ObjectNode node = json.createObjectNode();
    node.put("type", type);
    for (int i = 0; i < keysAndValues.length; i += 2) {
      node.set((String) keysAndValues[i], json.valueToTree(keysAndValues[i + 1]));
    }
    return node.toString();
  }

  /** The next frame, which must arrive within {@link #TIMEOUT}. */
  ServerFrame next() {
    return receive("a frame").frame();
  }

  /** The raw line of the frame received last, to check what the decoded record cannot show. */
  String lastLine() {
    return lastLine;
  }

  <T extends ServerFrame> T expect(Class<T> type) {
    return expect(type, frame -> true, "");
  }

  /** The next frame, which must be a {@code type} that meets {@code condition}. */
  <T extends ServerFrame> T expect(Class<T> type, Predicate<? super T> condition, String what) {
    String expectation = describe(type) + (what.isEmpty() ? "" : " (" + what + ")");
    Received received = receive(expectation);
    if (!type.isInstance(received.frame()) || !condition.test(type.cast(received.frame()))) {
      fail("expected " + expectation + " but got " + received.line());
    }
    return type.cast(received.frame());
  }

  /** The next frame, which must meet {@code condition}. */
  ServerFrame expectFrame(Predicate<ServerFrame> condition, String what) {
    return expect(ServerFrame.class, condition, what);
  }

  ServerFrame.Error expectError(ErrorCode code, FrameId re) {
    var error = expect(ServerFrame.Error.class, e -> e.code() == code, "code " + code.wireName());
    assertEquals(re, error.re(), "re of " + lastLine);
    return error;
  }

  ServerFrame.Pong expectPong(FrameId re) {
    return expect(ServerFrame.Pong.class, pong -> re.equals(pong.re()), "re " + re);
  }

  /** The next frame, or empty when none arrives within {@code wait}. */
  Optional<ServerFrame> poll(Duration wait) {
    long deadline = System.nanoTime() + wait.toNanos();
    try {
      while (true) {
        String line = readLine(deadline);
        if (line == null) {
          fail("expected a frame or nothing, but the server closed the connection");
        }
        ServerFrame frame = decode(line);
        if (!isIgnored(frame)) {
          lastLine = line;
          return Optional.of(frame);
        }
      }
    } catch (SocketTimeoutException quiet) {
      return Optional.empty();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read", e);
    }
  }

  /** Nothing arrives for {@code quiet}; keep it short, it is time the test waits for sure. */
  void expectNothingFor(Duration quiet) {
    poll(quiet).ifPresent(frame -> fail("expected nothing for " + quiet + " but got " + lastLine));
  }

  /** The next frame is {@code bye} with {@code reason}, and then the server closes. */
  ServerFrame.Bye expectBye(DepartureReason reason) {
    var bye =
        expect(ServerFrame.Bye.class, b -> b.reason() == reason, "reason " + reason.wireName());
    expectClosed();
    return bye;
  }

  /** The server closes the connection within {@link #TIMEOUT}, sending nothing more. */
  void expectClosed() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      while (true) {
        String line = readLine(deadline);
        if (line == null) {
          return;
        }
        if (!isIgnored(decode(line))) {
          fail("expected the connection to close but got " + line);
        }
      }
    } catch (SocketTimeoutException e) {
      fail("expected the connection to close within " + TIMEOUT + " but it stayed open");
    } catch (SocketException reset) {
      ended = true;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read", e);
    }
  }

  /** Sends nothing more but goes on reading, as {@code nc -N} does after its last line. */
  void stopSending() {
    try {
      socket.shutdownOutput();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Closes the socket without a word, as a client that crashes would. */
  void drop() {
    try {
      ended = true;
      socket.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Says {@code quit} and waits a moment for the server to close, so no test leaves one behind. */
  @Override
  public void close() {
    try {
      if (!ended && !socket.isClosed()) {
        sendFrame("quit");
        long deadline = System.nanoTime() + QUIT_TIMEOUT.toNanos();
        while (readLine(deadline) != null) {
          // the rest of what was sent to this client does not matter any more
        }
      }
    } catch (IOException | UncheckedIOException alreadyGone) {
      // the connection is closed either way
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  private Received receive(String expectation) {
    return receive(expectation, System.nanoTime() + TIMEOUT.toNanos());
  }

  private Received receive(String expectation, long deadline) {
    try {
      while (true) {
        String line = readLine(deadline);
        if (line == null) {
          fail("expected " + expectation + " but the server closed the connection");
        }
        ServerFrame frame = decode(line);
        if (!isIgnored(frame)) {
          lastLine = line;
          return new Received(line, frame);
        }
      }
    } catch (SocketTimeoutException e) {
      return fail("expected " + expectation + " but nothing arrived within " + TIMEOUT);
    } catch (IOException e) {
      throw new UncheckedIOException("expected " + expectation + " but cannot read", e);
    }
  }

  private ServerFrame decode(String line) {
    ServerFrame frame;
    try {
      frame = codec.decodeServerFrame(line);
    } catch (IllegalArgumentException e) {
      return fail("the server sent a line that is not a frame: " + line, e);
    }
    if (frame == null) {
      fail("the server sent a frame of a type the protocol does not have: " + line);
    }
    return frame;
  }

  private boolean isIgnored(ServerFrame frame) {
    if (!ignoringLobbyPresence) {
      return false;
    }
    return (frame instanceof ServerFrame.MemberJoined joined && joined.room().equals(LOBBY))
        || (frame instanceof ServerFrame.MemberLeft left && left.room().equals(LOBBY))
        || (frame instanceof ServerFrame.MemberAway away && away.room().equals(LOBBY));
  }

  /** The next line without its newline, or null at the end of the stream. */
  private String readLine(long deadlineNanos) throws IOException {
    while (true) {
      for (int i = bufferStart; i < bufferEnd; i++) {
        if (buffer[i] == '\n') {
          partialLine.write(buffer, bufferStart, i - bufferStart);
          bufferStart = i + 1;
          String line = partialLine.toString(UTF_8);
          partialLine.reset();
          return line;
        }
      }
      partialLine.write(buffer, bufferStart, bufferEnd - bufferStart);
      bufferStart = 0;
      bufferEnd = 0;
      if (ended) {
        return null;
      }
      long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException();
      }
      socket.setSoTimeout((int) Math.min(leftMillis, Integer.MAX_VALUE));
      int read = input.read(buffer);
      if (read < 0) {
        ended = true;
        if (partialLine.size() > 0) {
          fail("the server closed the connection in the middle of a line: " + partialLine);
        }
        return null;
      }
      bufferEnd = read;
    }
  }

  private static String describe(Class<?> type) {
    return type == ServerFrame.class ? "a frame" : type.getSimpleName();
  }
}
