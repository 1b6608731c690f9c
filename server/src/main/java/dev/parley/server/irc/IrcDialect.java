package dev.parley.server.irc;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.Dialect;
import dev.parley.server.session.Inbound;
import dev.parley.server.wire.SharedFrames;
import dev.parley.server.wire.WireFormat;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * IRC, as a session sees it (RFC 1459, RFC 2812, https://modern.ircdocs.horse and IRCv3): an IRC
 * client's lines become the session's frames, and its frames IRC lines. One per connection: it
 * keeps what the client negotiated and what its commands asked, to answer them with the numerics
 * IRC clients expect.
 */
public final class IrcDialect implements Dialect {

  private final IrcServer server;
  private final IrcClient client = new IrcClient();
  private final IrcEvents events;
  private final IrcRegistration registration;
  private final IrcCommands commands;
  private final IrcAnswers answers;
  private final ToldQuits quits = new ToldQuits();
  private final ToldAways aways = new ToldAways();

  IrcDialect(IrcServer server, IrcEvents events, int maxHeldBytes, int maxHistoryPage) {
    this.server = server;
    this.events = events;
    this.registration = new IrcRegistration(server, client, maxHeldBytes);
    this.commands = new IrcCommands(server, client, registration, maxHistoryPage);
    this.answers = new IrcAnswers(server, client, events, registration);
  }

  @Override
  public List<Inbound> read(Inbound.Native arrival) {
    if (arrival instanceof IrcArrival.Line line) {
      return read(line.message());
    }
    var lines = new IrcLines();
    if (arrival instanceof IrcArrival.TooLong) {
      lines.numeric(server, "417", client.nick(), "Input line was too long");
    } else if (arrival instanceof IrcArrival.NotUtf8) {
      lines.add(
          IrcMessage.of(
              server.name(), "FAIL", "*", "INVALID_UTF8", "A line was not UTF-8: it was left out"));
    } else if (arrival instanceof IrcArrival.Malformed malformed) {
      lines.add(IrcMessage.of(server.name(), "NOTICE", client.nick(), malformed.why()));
    } else {
      throw new IllegalArgumentException("not an IRC arrival: " + arrival);
    }
    return List.of(new Inbound.Answered(lines.result()));
  }

  private List<Inbound> read(IrcMessage message) {
    switch (message.command()) {
      case "PING":
        var pong =
            new IrcLines()
                .add(
                    IrcMessage.of(
                        server.name(),
                        "PONG",
                        server.name(),
                        message.params().isEmpty() ? server.name() : message.params().get(0)));
        return List.of(new Inbound.Answered(pong.result()));
      case "PONG":
        // the answer to the server's keep-alive: that it came is all that counts
        return List.of();
      case "CAP":
        return registration.cap(message);
      default:
        return registration.registered() ? commands.read(message) : registration.read(message);
    }
  }

  @Override
  public ByteString encode(ServerFrame frame) {
    ByteString encoded = answers.encode(frame).result();
    // the welcome's own numerics are never held: they are what ends the wait
    return frame instanceof ServerFrame.Welcome ? encoded : held(encoded);
  }

  @Override
  public ByteString encode(SharedFrames frames) {
    List<ServerFrame> all = frames.frames();
    boolean ownLook = false;
    for (ServerFrame frame : all) {
      if (!(frame instanceof ServerFrame.Message)) {
        if (!IrcEvents.isRoomEvent(frame)) {
          return held(notices(all));
        }
        ownLook |= quits.concerns(frame) || aways.concerns(frame);
      }
    }
    var format = client.caps.format();
    if (!ownLook) {
      return held(frames.encodedAs(format, frame -> roomEvent(frame, format)));
    }
    var lines = new IrcLines();
    all.stream().filter(this::toTell).forEach(frame -> lines.add(roomEvent(frame, format)));
    return held(lines.result());
  }

  /**
   * Whether a room event goes to this client: IRC tells a user's QUIT once, however many channels
   * it shares with the client, and its AWAY once a change, to clients of away-notify alone.
   */
  private boolean toTell(ServerFrame event) {
    return quits.toTell(event) && aways.toTell(event, client.caps.has(IrcCapabilities.AWAY_NOTIFY));
  }

  // an operator's notice: it names its reader
  private ByteString notices(List<ServerFrame> all) {
    var lines = new IrcLines();
    all.forEach(frame -> lines.add(answers.encode(frame).result()));
    return lines.result();
  }

  private ByteString roomEvent(ServerFrame frame, WireFormat format) {
    var lines = new IrcLines();
    events.lines(frame, format).forEach(lines::add);
    return lines.result();
  }

  @Override
  public ByteString encodeOwn(SharedFrames message, FrameId re) {
    client.answered(re);
    if (!client.caps.has(IrcCapabilities.ECHO_MESSAGE)) {
      return ByteString.emptyByteString();
    }
    return encode(message);
  }

  @Override
  public Optional<ByteString> keepAlive() {
    return Optional.of(new IrcLines().add(IrcMessage.of(null, "PING", server.name())).result());
  }

  @Override
  public List<Inbound> takeFollowUps() {
    return client.takeFollowUps();
  }

  private ByteString held(ByteString output) {
    return registration.hold(output).orElse(output);
  }
}
