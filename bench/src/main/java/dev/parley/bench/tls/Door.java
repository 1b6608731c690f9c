package dev.parley.bench.tls;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import javax.net.SocketFactory;

/**
 * One of the server's ports and the socket factory that reaches it: plain sockets for the cleartext
 * port, TLS sockets for the TLS port. Everything past the factory is the same code for both, so
 * that the difference measured is TLS.
 */
record Door(Transport transport, InetSocketAddress address, SocketFactory sockets) {

  /** A connected socket; a TLS socket does its handshake with its first write. */
  Socket connect(int timeoutMillis) throws IOException {
    Socket socket = sockets.createSocket();
    try {
      socket.setTcpNoDelay(true);
      socket.connect(address, timeoutMillis);
    } catch (IOException e) {
      socket.close();
      throw e;
    }
    return socket;
  }
}
