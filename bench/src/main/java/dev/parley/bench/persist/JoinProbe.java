package dev.parley.bench.persist;

import dev.parley.bench.load.ClientFrames;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One client that joins a room as soon as the server listens, and times the answer: the {@code
 * joined} frame and every replayed message it announces.
 */
final class JoinProbe {

  private static final FrameCodec CODEC = new FrameCodec();

  /**
   * When each step was done (times of {@link System#nanoTime}), how many messages the room
   * replayed, and the {@code seq} of the last of them (0 when none).
   */
  record Answer(
      long connectedAt,
      long welcomedAt,
      long joinSentAt,
      long answeredAt,
      int replayed,
      long lastSeq) {}

  private JoinProbe() {}

  /**
   * Connects, says hello as {@code nick}, joins {@code room} and reads its replay.
   *
   * @throws IllegalStateException when the server refuses a step or ends the connection
   */
  static Answer join(InetSocketAddress server, String nick, String room, Duration timeout)
      throws IOException {
    try (var socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout((int) timeout.toMillis());
      socket.connect(server, (int) timeout.toMillis());
      long connectedAt = System.nanoTime();
      OutputStream out = socket.getOutputStream();
      var in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      out.write(ClientFrames.hello(nick));
      out.flush();
      await(in, ServerFrame.Welcome.class, "welcome");
      long welcomedAt = System.nanoTime();
      out.write(ClientFrames.join(room));
      out.flush();
      long joinSentAt = System.nanoTime();
      ServerFrame.Joined joined = await(in, ServerFrame.Joined.class, "joined " + room);
      long lastSeq = 0;
      for (int replayed = 0; replayed < joined.replay(); replayed++) {
        lastSeq = await(in, ServerFrame.Message.class, "replayed message").seq();
      }
      long answeredAt = System.nanoTime();
      return new Answer(connectedAt, welcomedAt, joinSentAt, answeredAt, joined.replay(), lastSeq);
    }
  }

  /** Reads up to the next frame of the wanted type; an error or a bye ends the probe. */
  private static <T extends ServerFrame> T await(BufferedReader in, Class<T> wanted, String what)
      throws IOException {
    for (String line = in.readLine(); line != null; line = in.readLine()) {
      ServerFrame frame = CODEC.decodeServerFrame(line);
      if (wanted.isInstance(frame)) {
        return wanted.cast(frame);
      }
      if (frame instanceof ServerFrame.Error || frame instanceof ServerFrame.Bye) {
        throw new IllegalStateException("waiting for " + what + ", the server said: " + line);
      }
    }
    throw new IllegalStateException("waiting for " + what + ", the server closed the connection");
  }
}
