package dev.parley.bench.irc;

import dev.parley.bench.load.Dialect;
import dev.parley.bench.load.LineScanner;
import dev.parley.bench.load.MessageWriter;
import dev.parley.bench.wire.Ascii;
import dev.parley.bench.wire.LineReader;
import dev.parley.bench.wire.StreamLineReader;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;

/**
 * IRC, as any server speaks it: {@code NICK} and {@code USER}, welcomed at the end of the MOTD;
 * {@code JOIN}, joined at the end of NAMES; {@code PRIVMSG} to the channel. A sender gets no echo,
 * so one other member of its room counts its messages for it.
 */
public final class IrcDialect implements Dialect {

  static final String CHANNEL_PREFIX = "#room";
  private static final String WARM_UP_NICK = "warmup";
  private static final String WARM_UP_CHANNEL = "#warmup";
  private static final int READ_BUFFER_BYTES = 16 * 1024;

  @Override
  public byte[] greeting(String nick) {
    return Ascii.bytes("NICK " + nick + "\r\nUSER " + nick + " 0 * :" + nick + "\r\n");
  }

  @Override
  public byte[] create(String room) {
    return join(room);
  }

  @Override
  public byte[] join(String room) {
    return Ascii.bytes("JOIN " + room + "\r\n");
  }

  @Override
  public String roomName(int room) {
    return CHANNEL_PREFIX + room;
  }

  @Override
  public MessageWriter messageWriter(String room, int textChars) {
    return new PrivmsgWriter(room, textChars);
  }

  @Override
  public LineScanner newScanner() {
    return new IrcLineScanner(CHANNEL_PREFIX);
  }

  @Override
  public boolean echoes() {
    return false;
  }

  /** Registers, joins a channel, says something there and quits; the server closes the link. */
  @Override
  public void warmUp(InetSocketAddress server, Duration timeout) throws IOException {
    try (var socket = new Socket()) {
      socket.connect(server, (int) timeout.toMillis());
      socket.setSoTimeout((int) timeout.toMillis());
      var warmUp = new WarmUp(socket.getOutputStream());
      var reader = new StreamLineReader(socket.getInputStream(), READ_BUFFER_BYTES);
      warmUp.write(greeting(WARM_UP_NICK));
      try {
        int read;
        do {
          read = reader.read(warmUp);
        } while (read >= 0 && !warmUp.closed);
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
    }
  }

  /** The warm-up client's answers to what the server says. */
  private final class WarmUp implements LineReader.LineHandler {

    private final OutputStream out;
    private final IrcLineScanner scanner = new IrcLineScanner(WARM_UP_CHANNEL);
    private boolean closed;

    WarmUp(OutputStream out) {
      this.out = out;
    }

    @Override
    public void onLine(byte[] bytes, int from, int to) {
      switch (scanner.scan(bytes, from, to)) {
        case PING -> write(scanner.answer());
        case WELCOME -> write(join(WARM_UP_CHANNEL));
        case JOINED -> {
          write(Ascii.bytes("PRIVMSG " + WARM_UP_CHANNEL + " :hi\r\n"));
          write(Ascii.bytes("QUIT :warmed up\r\n"));
        }
        case BYE -> closed = true;
        default -> {}
      }
    }

    void write(byte[] line) {
      try {
        out.write(line);
        out.flush();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
