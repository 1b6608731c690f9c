package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * A TCP relay between clients and a server whose network a test can break on the clients' side
 * only, as a lost Wi-Fi does: the client sees its connection end at once, while the server keeps
 * the session until the test lets its side go.
 */
final class Relay implements AutoCloseable {

  /** One client's connection through the relay. */
  private record Route(Socket clientSide, Socket serverSide) {}

  private final InetSocketAddress server;
  private final ServerSocket listener;
  private final List<Route> open = new ArrayList<>();
  private final List<Route> held = new ArrayList<>();

  Relay(InetSocketAddress server) {
    this.server = server;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accepting = new Thread(this::accept, "relay-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  /** Ends every client's side now; the server's sides stay open until {@link #releaseHeld()}. */
  synchronized void dropClients() throws IOException {
    for (Route route : open) {
      held.add(route);
      route.clientSide().close();
    }
    open.clear();
  }

  /** Closes the server's side of the connections {@link #dropClients()} ended. */
  synchronized void releaseHeld() throws IOException {
    for (Route route : held) {
      route.serverSide().close();
    }
    held.clear();
  }

  @Override
  public synchronized void close() throws IOException {
    listener.close();
    dropClients();
    releaseHeld();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket clientSide = listener.accept();
        Socket serverSide = new Socket(server.getAddress(), server.getPort());
        synchronized (this) {
          open.add(new Route(clientSide, serverSide));
        }
        pump(clientSide, serverSide, "relay-to-server");
        pump(serverSide, clientSide, "relay-to-client");
      } catch (IOException e) {
        // the listener was closed
      }
    }
  }

  private void pump(Socket from, Socket to, String name) {
    Thread pumping =
        new Thread(
            () -> {
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                in.transferTo(out);
                // a side that ended by itself ends the other; a dropped one leaves it held
                if (!isHeld(from)) {
                  to.shutdownOutput();
                }
              } catch (IOException e) {
                // one of the sides was closed
              }
            },
            name);
    pumping.setDaemon(true);
    pumping.start();
  }

  private synchronized boolean isHeld(Socket socket) {
    return held.stream().anyMatch(route -> route.clientSide() == socket);
  }
}
