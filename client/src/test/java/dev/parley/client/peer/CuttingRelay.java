package dev.parley.client.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * A TCP relay to a port on loopback that cuts its first connection once {@code cutAfter} bytes went
 * through towards that port, as a lost network does in the middle of a transfer; later connections
 * pass whole.
 */
final class CuttingRelay implements AutoCloseable {

  private final int target;
  private final long cutAfter;
  private final ServerSocket listener;
  private boolean cutOnce;

  CuttingRelay(int target, long cutAfter) {
    this.target = target;
    this.cutAfter = cutAfter;
    try {
      listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Thread accepting = new Thread(this::accept, "cutting-relay");
    accepting.setDaemon(true);
    accepting.start();
  }

  int port() {
    return listener.getLocalPort();
  }

  @Override
  public void close() throws IOException {
    listener.close();
  }

  private void accept() {
    while (!listener.isClosed()) {
      try {
        Socket in = listener.accept();
        Socket out = new Socket(InetAddress.getLoopbackAddress(), target);
        boolean cut;
        synchronized (this) {
          cut = !cutOnce;
          cutOnce = true;
        }
        pump(in, out, cut ? cutAfter : Long.MAX_VALUE);
        pump(out, in, Long.MAX_VALUE);
      } catch (IOException e) {
        // the listener was closed
      }
    }
  }

  private static void pump(Socket from, Socket to, long limit) {
    Thread pumping =
        new Thread(
            () -> {
              try {
                InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream();
                byte[] buffer = new byte[8192];
                long passed = 0;
                for (int read = in.read(buffer); read >= 0; read = in.read(buffer)) {
                  int allowed = (int) Math.min(read, limit - passed);
                  out.write(buffer, 0, allowed);
                  passed += allowed;
                  if (passed >= limit) {
                    from.close();
                    to.close();
                    return;
                  }
                }
                to.shutdownOutput();
              } catch (IOException e) {
                // one of the sides was closed
              }
            },
            "cutting-relay-pump");
    pumping.setDaemon(true);
    pumping.start();
  }
}
