package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A server that a test plays by hand over loopback TCP: it accepts the client, reads its frames and
 * writes the frames the test chooses, so the client's side of the protocol can be checked frame by
 * frame. Pings are answered on the way unless a test waits for one.
 */
final class FakeServer implements AutoCloseable {

  private static final int READ_TIMEOUT_MILLIS = 10_000;

  private final FrameCodec codec = new FrameCodec();
  private final ServerSocket listener;

  FakeServer() {
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
      listener.setSoTimeout(READ_TIMEOUT_MILLIS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return listener.getLocalPort();
  }

  Peer accept() {
    try {
      Socket socket = listener.accept();
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      return new Peer(socket);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  /** One accepted client connection. */
  final class Peer implements AutoCloseable {

    private final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    private Peer(Socket socket) throws IOException {
      this.socket = socket;
      this.in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      this.out = socket.getOutputStream();
    }

    /** The next frame the client sent that is not a ping, answering pings on the way. */
    <T extends ClientFrame> T expect(Class<T> type) {
      while (true) {
        ClientFrame frame = read();
        if (frame instanceof ClientFrame.Ping ping && type != ClientFrame.Ping.class) {
          send(new ServerFrame.Pong(ping.id()));
          continue;
        }
        return assertInstanceOf(type, frame);
      }
    }

    ClientFrame read() {
      try {
        String line = in.readLine();
        if (line == null) {
          throw new IllegalStateException("the client closed the connection");
        }
        return codec.decodeClientFrame(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Whether the client closed its side, reading and dropping what it still sent. */
    boolean closedByClient() {
      try {
        while (in.readLine() != null) {
          // drain
        }
        return true;
      } catch (IOException e) {
        return false;
      }
    }

    void send(ServerFrame... frames) {
      try {
        for (ServerFrame frame : frames) {
          out.write(codec.encode(frame));
        }
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /** Answers the hello with a welcome, the auto-join of lobby, and the client's settle ping. */
    ClientFrame.Hello welcome(String nick) {
      ClientFrame.Hello hello = expect(ClientFrame.Hello.class);
      send(
          new ServerFrame.Welcome(hello.id(), nick, 1, "fake", null),
          new ServerFrame.Joined(null, "lobby", null, java.util.List.of(nick), 0));
      return hello;
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
