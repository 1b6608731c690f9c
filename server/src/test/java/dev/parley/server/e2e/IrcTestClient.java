package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.fail;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.irc.IrcMessage;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Predicate;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A test client that speaks IRC over a plain socket as a user's client would, one line at a time.
 * It reads only when the test asks it to; {@link #expect} skips the lines it is not waiting for, as
 * a client shows what it does not care about in another window.
 */
final class IrcTestClient implements AutoCloseable {

  /** How long an expected line, or the end of the connection, may take to arrive. */
  static final Duration TIMEOUT = Duration.ofSeconds(10);

  private static final Duration QUIT_TIMEOUT = Duration.ofSeconds(2);
  private static final String LOBBY = "#lobby";

  private final Socket socket;
  private final InputStream input;
  private final OutputStream output;
  private final ByteArrayOutputStream partialLine = new ByteArrayOutputStream();
  private boolean ended;
  private String nick = "*";
  private String lastLine;

  private IrcTestClient(Socket socket) throws IOException {
    this.socket = socket;
    this.input = new BufferedInputStream(socket.getInputStream());
    this.output = socket.getOutputStream();
  }

  static IrcTestClient connect(InetSocketAddress server) {
    try {
      var socket = new Socket();
      socket.setTcpNoDelay(true);
      socket.connect(server, (int) TIMEOUT.toMillis());
      return new IrcTestClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect to " + server, e);
    }
  }

  /** A connection through TLS, trusting what {@code tls} trusts, its handshake done. */
  static IrcTestClient connectTls(InetSocketAddress server, SSLContext tls) {
    try {
      var socket = (SSLSocket) tls.getSocketFactory().createSocket();
      socket.connect(server, (int) TIMEOUT.toMillis());
      socket.startHandshake();
      return new IrcTestClient(socket);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot connect with TLS to " + server, e);
    }
  }

  /** Makes {@code prefix}'s unique nick an account with {@code password}, over the JSON door. */
  static String account(InetSocketAddress jsonDoor, String prefix, String password) {
    String account = Names.nick(prefix);
    try (var client = RawClient.login(jsonDoor, account)) {
      client.sendFrame("register", "id", "r", "password", password);
      client.expect(ServerFrame.Ok.class);
    }
    return account;
  }

  /** The nick the server welcomed this client with, {@code *} before. */
  String nick() {
    return nick;
  }

  /** NICK and USER, then the welcome, the MOTD and the lobby's names, which every login joins. */
  IrcTestClient register(String nick) {
    send("NICK " + nick);
    send("USER " + nick + " 0 * :" + nick + " in a test");
    return welcomed();
  }

  /** As {@link #register}, with the capabilities {@code caps} asked for and granted first. */
  IrcTestClient registerWithCaps(String nick, String... caps) {
    send("CAP LS 302");
    expect("CAP", line -> line.params().get(1).equals("LS"));
    if (caps.length > 0) {
      requestCaps(caps);
    }
    send("NICK " + nick);
    send("USER " + nick + " 0 * :" + nick + " in a test");
    send("CAP END");
    return welcomed();
  }

  /** Logs in as {@code account} with SASL PLAIN and {@code caps}, then ends the registration. */
  IrcTestClient loginWithSasl(String account, String password, String... caps) {
    send("CAP LS 302");
    expect("CAP", line -> line.params().get(1).equals("LS"));
    var all = new ArrayList<>(List.of(caps));
    all.add("sasl");
    requestCaps(all.toArray(String[]::new));
    send("NICK " + account);
    send("USER " + account + " 0 * :" + account + " in a test");
    authenticate(account, password);
    expect("903");
    send("CAP END");
    return welcomed();
  }

  /** {@code CAP REQ} of {@code caps}, which the server must acknowledge. */
  void requestCaps(String... caps) {
    String asked = String.join(" ", caps);
    send("CAP REQ :" + asked);
    expect("CAP", line -> line.params().get(1).equals("ACK") && line.params().get(2).equals(asked));
  }

  /** {@code AUTHENTICATE PLAIN} and the credentials, without waiting for their answer. */
  void authenticate(String account, String password) {
    send("AUTHENTICATE PLAIN");
    expect("AUTHENTICATE", line -> line.params().equals(List.of("+")));
    String credentials = account + "\0" + account + "\0" + password;
    send("AUTHENTICATE " + Base64.getEncoder().encodeToString(credentials.getBytes(UTF_8)));
  }

  /** 001 to 376 (or 422), then the lobby's JOIN and names. */
  IrcTestClient welcomed() {
    expect("001");
    expect("376", "422");
    expect("366", line -> line.params().get(1).equals(LOBBY));
    return this;
  }

  /** {@code JOIN} of {@code channel}, and its names. */
  IrcTestClient join(String channel) {
    send("JOIN " + channel);
    expect("366", line -> line.params().get(1).equalsIgnoreCase(channel));
    return this;
  }

  /** Sends {@code line} and its CR LF, as UTF-8. */
  IrcTestClient send(String line) {
    return sendBytes((line + "\r\n").getBytes(UTF_8));
  }

  /** Sends exactly these bytes. */
  IrcTestClient sendBytes(byte[] bytes) {
    try {
      output.write(bytes);
      output.flush();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot send", e);
    }
  }

  /** The next line whose command is one of {@code commands}, skipping others. */
  IrcMessage expect(String... commands) {
    return expect(commands, line -> true);
  }

  /**
   * The next line with {@code command} that meets {@code condition}, skipping others and the
   * lobby's comings and goings of other users.
   */
  IrcMessage expect(String command, Predicate<IrcMessage> condition) {
    return expect(new String[] {command}, condition);
  }

  /**
   * The lines up to the next {@code command} that meets {@code condition}, that one included, but
   * the lobby's comings and goings of other users.
   */
  List<IrcMessage> linesUntil(String command, Predicate<IrcMessage> condition) {
    var lines = new ArrayList<IrcMessage>();
    lines.add(expect(new String[] {command}, condition, lines));
    return lines;
  }

  private IrcMessage expect(String[] commands, Predicate<IrcMessage> condition) {
    return expect(commands, condition, new ArrayList<>());
  }

  private IrcMessage expect(
      String[] commands, Predicate<IrcMessage> condition, List<IrcMessage> skipped) {
    String expectation = String.join(" or ", commands);
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    var seen = new ArrayList<String>();
    try {
      while (true) {
        String line = readLine(deadline);
        if (line == null) {
          return fail("expected " + expectation + " but the server closed; saw " + seen);
        }
        IrcMessage message = parse(line);
        if (message.command().equals("001")) {
          nick = message.params().get(0);
        }
        if (isLobbyPresence(message)) {
          continue;
        }
        if (List.of(commands).contains(message.command()) && condition.test(message)) {
          return message;
        }
        seen.add(line);
        skipped.add(message);
      }
    } catch (SocketTimeoutException e) {
      return fail("expected " + expectation + " within " + TIMEOUT + " but saw only " + seen);
    } catch (IOException e) {
      throw new UncheckedIOException("expected " + expectation + " but cannot read", e);
    }
  }

  /** The raw line read last, without its CR LF, to check what the parsed message cannot show. */
  String lastLine() {
    return lastLine;
  }

  /**
   * Nothing arrives for {@code quiet} but the comings and goings of other tests' users; keep it
   * short, it is time the test waits for sure.
   */
  void expectNothingFor(Duration quiet) {
    long deadline = System.nanoTime() + quiet.toNanos();
    try {
      while (true) {
        String line = readLine(deadline);
        if (line == null) {
          fail("expected nothing for " + quiet + " but the server closed the connection");
        }
        if (!isNoise(parse(line))) {
          fail("expected nothing for " + quiet + " but got " + line);
        }
      }
    } catch (SocketTimeoutException quietAsExpected) {
      // nothing came
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read", e);
    }
  }

  /**
   * The server closes the connection, sending nothing more than other users' comings and goings.
   */
  void expectClosed() {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    try {
      for (String line = readLine(deadline); line != null; line = readLine(deadline)) {
        if (!isNoise(parse(line))) {
          fail("expected the connection to close but got " + line);
        }
      }
    } catch (SocketTimeoutException e) {
      fail("expected the connection to close within " + TIMEOUT + " but it stayed open");
    } catch (SocketException reset) {
      // closed too
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read", e);
    }
    ended = true;
  }

  /** Says QUIT and waits a moment for the server to close, so no test leaves a user behind. */
  @Override
  public void close() {
    try {
      if (!ended && !socket.isClosed()) {
        send("QUIT");
        long deadline = System.nanoTime() + QUIT_TIMEOUT.toNanos();
        while (readLine(deadline) != null) {
          // what was still sent to this client does not matter any more
        }
      }
    } catch (IOException | UncheckedIOException alreadyGone) {
      // closed either way
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // nothing left to release
      }
    }
  }

  // other tests' users join and leave the lobby as they come and go
  private boolean isLobbyPresence(IrcMessage line) {
    boolean lobby = !line.params().isEmpty() && line.params().get(0).equalsIgnoreCase(LOBBY);
    boolean mine = line.source() != null && line.source().startsWith(nick + "!");
    boolean presence = line.command().equals("JOIN") || line.command().equals("PART");
    return presence && lobby && !mine;
  }

  // a QUIT or AWAY names no channel: it may be of someone who was in the lobby only
  private boolean isNoise(IrcMessage line) {
    return isLobbyPresence(line) || line.command().equals("QUIT") || line.command().equals("AWAY");
  }

  private static IrcMessage parse(String line) {
    try {
      return IrcMessage.parse(line);
    } catch (RuntimeException e) {
      return fail("the server sent a line that is not an IRC message: " + line, e);
    }
  }

  /** The next line without its CR LF, or null at the end of the stream. */
  private String readLine(long deadlineNanos) throws IOException {
    while (true) {
      long leftMillis = (deadlineNanos - System.nanoTime()) / 1_000_000;
      if (leftMillis <= 0) {
        throw new SocketTimeoutException("deadline passed");
      }
      socket.setSoTimeout((int) leftMillis);
      int b = input.read();
      if (b < 0) {
        return null;
      }
      if (b == '\n') {
        byte[] bytes = partialLine.toByteArray();
        partialLine.reset();
        if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
          fail("the server ended a line without CR LF: " + new String(bytes, UTF_8));
        }
        lastLine = new String(bytes, 0, bytes.length - 1, UTF_8);
        return lastLine;
      }
      partialLine.write(b);
    }
  }
}
