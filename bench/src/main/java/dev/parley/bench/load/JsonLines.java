package dev.parley.bench.load;

import dev.parley.bench.wire.Ascii;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** Parley's own protocol, JSON lines: {@code hello}, {@code create}, {@code join}, {@code say}. */
public final class JsonLines implements Dialect {

  private static final String WARM_UP_NICK = "warmup";

  @Override
  public byte[] greeting(String nick) {
    return ClientFrames.hello(nick);
  }

  @Override
  public byte[] create(String room) {
    return ClientFrames.create(room);
  }

  @Override
  public byte[] join(String room) {
    return ClientFrames.join(room);
  }

  @Override
  public String roomName(int room) {
    return ClientFrames.roomName(room);
  }

  @Override
  public MessageWriter messageWriter(String room, int textChars) {
    return new SayWriter(room, textChars);
  }

  @Override
  public LineScanner newScanner() {
    return new ServerLineScanner();
  }

  @Override
  public boolean echoes() {
    return true;
  }

  /** Says hello, creates a room, says something, waits for its echo and quits. */
  @Override
  public void warmUp(InetSocketAddress server, Duration timeout) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      var out = socket.getOutputStream();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write(ClientFrames.hello(WARM_UP_NICK));
      out.write(ClientFrames.create(WARM_UP_NICK));
      out.write(
          Ascii.bytes("{\"type\":\"say\",\"room\":\"" + WARM_UP_NICK + "\",\"text\":\"hi\"}\n"));
      out.flush();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.contains("\"type\":\"message\"")) {
          break;
        }
      }
      out.write(Ascii.bytes("{\"type\":\"quit\"}\n"));
      out.flush();
    }
  }
}
