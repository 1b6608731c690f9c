package dev.parley.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP relay in front of a server (the HTTP door, or a peer's port) that a test arms to break the
 * next transfer once: to cut the connection after so many bytes going up or coming down, or to flip
 * one byte coming down. Bytes are counted from the arming on, over every connection, as the
 * client's HTTP client keeps its connections for the next request.
 */
public final class TamperingRelay implements AutoCloseable {

  public enum Way {
    UP,
    DOWN
  }

  private enum Harm {
    NONE,
    CUT,
    FLIP
  }

  private final ServerSocket listener;
  private volatile InetSocketAddress server;
  private volatile Way way = Way.UP;
  private volatile Harm harm = Harm.NONE;
  private final AtomicLong untilHarm = new AtomicLong();
  private final AtomicLong up = new AtomicLong();

  public TamperingRelay() {
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accepting = new Thread(this::accept, "tamperer-accept");
    accepting.setDaemon(true);
    accepting.start();
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** The address that the server hands out in its slots and messages. */
  public String url() {
    return "http://127.0.0.1:" + listener.getLocalPort();
  }

  public void relayTo(InetSocketAddress server) {
    this.server = server;
  }

  /** Cuts the connection that carries byte {@code after} going {@code way}, from now on. */
  public synchronized void cutOnce(Way way, long after) {
    arm(way, Harm.CUT, after);
  }

  /** Flips byte {@code at} coming down, counted from now on. */
  public synchronized void flipOnce(long at) {
    arm(Way.DOWN, Harm.FLIP, at);
  }

  /** Whether the harm armed has been done. */
  public boolean done() {
    return harm == Harm.NONE;
  }

  /** The bytes relayed up to the server since the last arming. */
  public long bytesUp() {
    return up.get();
  }

  private void arm(Way way, Harm harm, long at) {
    this.way = way;
    this.untilHarm.set(at);
    this.up.set(0);
    this.harm = harm;
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket client = listener.accept();
        Socket door = new Socket(server.getAddress(), server.getPort());
        pump(client, door, Way.UP, client, door);
        pump(door, client, Way.DOWN, client, door);
      } catch (IOException e) {
        // the listener was closed
      }
    }
  }

  private void pump(Socket from, Socket to, Way going, Socket client, Socket door) {
    Thread pumping =
        new Thread(
            () -> {
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                int read;
                while ((read = in.read(buffer)) >= 0) {
                  if (going == Way.UP) {
                    up.addAndGet(read);
                  }
                  if (!relay(buffer, read, going, out)) {
                    client.close();
                    door.close();
                    return;
                  }
                }
                to.shutdownOutput();
              } catch (IOException e) {
                // one of the sides was closed
              }
            },
            "tamperer-" + going);
    pumping.setDaemon(true);
    pumping.start();
  }

  /** Relays {@code read} bytes, doing the harm armed among them; false: cut here. */
  private boolean relay(byte[] buffer, int read, Way going, OutputStream out) throws IOException {
    synchronized (this) {
      if (harm != Harm.NONE && way == going) {
        long before = untilHarm.get();
        if (before < read) {
          int at = (int) before;
          if (harm == Harm.CUT) {
            out.write(buffer, 0, at);
            out.flush();
            harm = Harm.NONE;
            return false;
          }
          buffer[at] ^= 0x01;
          harm = Harm.NONE;
        } else {
          untilHarm.addAndGet(-read);
        }
      }
    }
    out.write(buffer, 0, read);
    out.flush();
    return true;
  }
}
