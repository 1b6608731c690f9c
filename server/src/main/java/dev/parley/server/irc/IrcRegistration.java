package dev.parley.server.irc;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.session.Inbound;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * An IRC client's registration (https://modern.ircdocs.horse/#connection-registration): {@code CAP}
 * negotiation, {@code PASS}, {@code NICK} and {@code USER}, and SASL PLAIN ({@code AUTHENTICATE}),
 * made into the session's {@code hello}. An account logged in with SASL is welcomed before the
 * client ends its negotiation: what the session says meanwhile waits for the welcome's numerics.
 */
final class IrcRegistration {

  private final IrcServer server;
  private final IrcClient client;
  private String nick;
  private boolean user;
  private String pass;
  private SaslPlainExchange sasl;
  private boolean helloAsked;
  private ServerFrame.Welcome welcome;
  private boolean registered;
  // what the session said between a SASL welcome and the end of registration
  private IrcLines held;
  private int heldBytes;
  private final int maxHeldBytes;

  IrcRegistration(IrcServer server, IrcClient client, int maxHeldBytes) {
    this.server = server;
    this.client = client;
    this.maxHeldBytes = maxHeldBytes;
  }

  boolean registered() {
    return registered;
  }

  /** A command before registration ended. */
  List<Inbound> read(IrcMessage message) {
    var params = message.params();
    switch (message.command()) {
      case "PASS":
        if (params.isEmpty()) {
          return needMoreParams("PASS");
        }
        pass = params.get(0);
        return List.of();
      case "NICK":
        if (params.isEmpty() || params.get(0).isEmpty()) {
          return answer(new IrcLines().numeric(server, "431", client.nick(), "No nickname given"));
        }
        nick = params.get(0);
        return completeIfReady();
      case "USER":
        if (params.size() < 4) {
          return needMoreParams("USER");
        }
        user = true;
        return completeIfReady();
      case "AUTHENTICATE":
        return authenticate(params);
      case "QUIT":
        return List.of(
            client.ask(
                new IrcRequest.Quit(),
                id -> new ClientFrame.Quit(id, params.isEmpty() ? null : params.get(0))));
      default:
        return answer(
            new IrcLines().numeric(server, "451", client.nick(), "You have not registered"));
    }
  }

  /** {@code CAP}, before registration or after it. */
  List<Inbound> cap(IrcMessage message) {
    var params = message.params();
    if (params.isEmpty()) {
      return needMoreParams("CAP");
    }
    var lines = new IrcLines();
    String target = client.nick();
    switch (params.get(0).toUpperCase(java.util.Locale.ROOT)) {
      case "LS":
        if (!registered) {
          client.caps.startNegotiating();
        }
        boolean withValues = params.size() > 1 && params.get(1).compareTo("302") >= 0;
        lines.add(
            IrcMessage.of(server.name(), "CAP", target, "LS", IrcCapabilities.offer(withValues)));
        return answer(lines);
      case "REQ":
        if (!registered) {
          client.caps.startNegotiating();
        }
        String asked = params.size() > 1 ? params.get(1).trim() : "";
        var requested = Arrays.stream(asked.split(" +")).filter(cap -> !cap.isEmpty()).toList();
        boolean granted = client.caps.request(requested);
        lines.add(IrcMessage.of(server.name(), "CAP", target, granted ? "ACK" : "NAK", asked));
        return answer(lines);
      case "LIST":
        lines.add(IrcMessage.of(server.name(), "CAP", target, "LIST", client.caps.list()));
        return answer(lines);
      case "END":
        client.caps.endNegotiating();
        return registered ? List.of() : completeIfReady();
      default:
        return answer(lines.numeric(server, "410", target, params.get(0), "Invalid CAP command"));
    }
  }

  private List<Inbound> authenticate(List<String> params) {
    if (params.isEmpty()) {
      return needMoreParams("AUTHENTICATE");
    }
    var lines = new IrcLines();
    if (!client.caps.has(IrcCapabilities.SASL) || welcome != null) {
      return answer(
          welcome != null
              ? lines.numeric(server, "907", client.nick(), "You have already authenticated")
              : lines.numeric(server, "904", client.nick(), "SASL authentication failed"));
    }
    if (sasl == null) {
      if (params.get(0).equals("*")) {
        return answer(lines.numeric(server, "906", client.nick(), "SASL authentication aborted"));
      }
      if (!params.get(0).equalsIgnoreCase("PLAIN")) {
        lines.numeric(server, "908", client.nick(), "PLAIN", "are available SASL mechanisms");
        return answer(lines.numeric(server, "904", client.nick(), "SASL authentication failed"));
      }
      sasl = new SaslPlainExchange(SaslPlainExchange.DEFAULT_MAX_RESPONSE_BYTES);
      return answer(lines.add(IrcMessage.of(null, "AUTHENTICATE", "+")));
    }
    SaslPlainExchange.Outcome outcome = sasl.accept(params.get(0));
    if (outcome instanceof SaslPlainExchange.Incomplete) {
      return List.of();
    }
    sasl = null;
    if (outcome instanceof SaslPlainExchange.Credentials credentials) {
      if (!credentials.authzid().isEmpty()
          && !credentials.authzid().equals(credentials.authcid())) {
        return answer(
            lines.numeric(
                server,
                "904",
                client.nick(),
                "SASL authentication failed: one may act only as oneself"));
      }
      helloAsked = true;
      return List.of(
          client.ask(
              new IrcRequest.SaslLogin(credentials.authcid()),
              id ->
                  new ClientFrame.Hello(
                      id, credentials.authcid(), credentials.password(), "IRC", true)));
    } else if (outcome instanceof SaslPlainExchange.Aborted) {
      return answer(lines.numeric(server, "906", client.nick(), "SASL authentication aborted"));
    } else if (outcome instanceof SaslPlainExchange.TooLong) {
      return answer(lines.numeric(server, "905", client.nick(), "SASL message too long"));
    }
    var invalid = (SaslPlainExchange.Invalid) outcome;
    return answer(
        lines.numeric(
            server, "904", client.nick(), "SASL authentication failed: " + invalid.why()));
  }

  /**
   * The hello once NICK and USER came and negotiation is over; the numerics if welcomed already.
   */
  private List<Inbound> completeIfReady() {
    if (nick == null || !user || client.caps.negotiating() || helloAsked) {
      return List.of();
    }
    Optional<String> serverPassword = server.password();
    if (serverPassword.isPresent() && !serverPassword.get().equals(pass)) {
      var refusal = new IrcLines().numeric(server, "464", client.nick(), "Password incorrect");
      var out = new ArrayList<Inbound>();
      out.add(new Inbound.Answered(refusal.result()));
      out.add(client.ask(new IrcRequest.Quit(), id -> new ClientFrame.Quit(id, null)));
      return out;
    }
    if (welcome != null) {
      return answer(registrationEnded());
    }
    helloAsked = true;
    // without a server password, PASS is the account's password, for clients without SASL
    String password = serverPassword.isPresent() ? null : pass;
    return List.of(
        client.ask(
            new IrcRequest.Register(nick),
            id -> new ClientFrame.Hello(id, nick, password, "IRC", password != null)));
  }

  /** The answer to a hello: the welcome's numerics, now or once registration ends. */
  ByteString welcomed(ServerFrame.Welcome frame, IrcRequest request) {
    welcome = frame;
    helloAsked = false;
    client.nick(frame.nick());
    if (request instanceof IrcRequest.SaslLogin login) {
      var lines = new IrcLines();
      lines.numeric(
          server,
          "900",
          frame.nick(),
          server.prefix(frame.nick()),
          login.account(),
          "You are now logged in as " + login.account());
      lines.numeric(server, "903", frame.nick(), "SASL authentication successful");
      held = new IrcLines();
      if (nick != null && user && !client.caps.negotiating()) {
        return lines.add(registrationEnded().result()).result();
      }
      return lines.result();
    }
    return registrationEnded().result();
  }

  /** A refused hello: the numeric that says why; registration goes on with another NICK. */
  ByteString refused(ServerFrame.Error error, IrcRequest request) {
    helloAsked = false;
    var lines = new IrcLines();
    if (request instanceof IrcRequest.SaslLogin) {
      return lines
          .numeric(server, "904", client.nick(), "SASL authentication failed: " + error.message())
          .result();
    }
    String wanted = nick == null ? "*" : nick;
    if (error.code() == ErrorCode.NICK_TAKEN) {
      lines.numeric(server, "433", client.nick(), wanted, "Nickname is already in use");
    } else if (error.code() == ErrorCode.NICK_INVALID || error.code() == ErrorCode.NICK_RESERVED) {
      lines.numeric(server, "432", client.nick(), wanted, "Erroneous nickname: " + error.message());
    } else if (error.code() == ErrorCode.AUTH_FAILED
        || error.code() == ErrorCode.LOCKED_OUT
        || error.code() == ErrorCode.TLS_REQUIRED) {
      // the nick is an account's: its password comes with SASL or PASS
      lines.numeric(
          server,
          "464",
          client.nick(),
          "Password incorrect: "
              + error.message()
              + (error.code() == ErrorCode.AUTH_FAILED
                  ? " (" + wanted + " is an account: log in with SASL or PASS)"
                  : ""));
    } else {
      lines.add(IrcMessage.of(server.name(), "NOTICE", client.nick(), error.message()));
    }
    // another NICK asks again
    nick = null;
    return lines.result();
  }

  /**
   * Output of the session while a SASL welcome waits for the end of registration: kept for then.
   * Empty when the output may go now.
   */
  Optional<ByteString> hold(ByteString output) {
    if (held == null || registered || output.isEmpty()) {
      return Optional.empty();
    }
    heldBytes += output.size();
    if (heldBytes > maxHeldBytes) {
      // a client that never ends its registration is not kept in memory: it misses what it missed
      return Optional.of(ByteString.emptyByteString());
    }
    held.add(output);
    return Optional.of(ByteString.emptyByteString());
  }

  private IrcLines registrationEnded() {
    registered = true;
    String me = welcome.nick();
    var lines = new IrcLines();
    lines.numeric(
        server,
        "001",
        me,
        "Welcome to the " + server.network() + " IRC network, " + server.prefix(me));
    lines.numeric(
        server,
        "002",
        me,
        "Your host is " + server.name() + ", running version " + server.version());
    lines.numeric(server, "003", me, "This server was created " + server.created());
    lines.numeric(server, "004", me, server.name(), server.version(), "i", "n");
    var isupport = new ArrayList<String>(server.isupport());
    isupport.add("are supported by this server");
    lines.numeric(server, "005", me, isupport.toArray(String[]::new));
    motd(lines, me, welcome.motd());
    if (held != null) {
      lines.add(held.result());
      held = null;
    }
    return lines;
  }

  /** The MOTD, as 375, 372 and 376, or 422 when there is none. */
  void motd(IrcLines lines, String me, String motd) {
    if (motd == null || motd.isBlank()) {
      lines.numeric(server, "422", me, "MOTD File is missing");
      return;
    }
    lines.numeric(server, "375", me, "- " + server.name() + " Message of the day - ");
    for (String line : motd.split("\r?\n")) {
      for (String piece : IrcText.toIrc(line.isEmpty() ? " " : line, 400)) {
        lines.numeric(server, "372", me, "- " + piece);
      }
    }
    lines.numeric(server, "376", me, "End of /MOTD command.");
  }

  String motdText() {
    return welcome == null ? null : welcome.motd();
  }

  private List<Inbound> needMoreParams(String command) {
    return answer(
        new IrcLines().numeric(server, "461", client.nick(), command, "Not enough parameters"));
  }

  private static List<Inbound> answer(IrcLines lines) {
    return List.of(new Inbound.Answered(lines.result()));
  }
}
