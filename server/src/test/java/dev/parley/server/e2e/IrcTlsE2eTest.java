package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The IRC door over TLS, with the certificate of the server's other TLS ports. No address counts as
 * local here, so loopback stands for a client across a network: a password travels over TLS alone.
 */
@ExtendWith(LogCapturingExtension.class)
class IrcTlsE2eTest {

  private static final String PASSWORD = "correct horse battery";

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-tls-nothing-local");

  /** An account made over the JSON door's TLS port, where its password may travel. */
  private static String account(String prefix) {
    String account = Names.nick(prefix);
    var tls = TestCertificates.trusting(server.certificate().certificate());
    try (var client = RawClient.connectTls(server.tlsAddress(), tls)) {
      client.sendFrame("hello", "nick", account);
      client.expect(ServerFrame.Welcome.class);
      client.expect(ServerFrame.Joined.class);
      client.sendFrame("register", "id", "r", "password", PASSWORD);
      client.expect(ServerFrame.Ok.class);
    }
    return account;
  }

  private static IrcTestClient overTls() {
    var tls = TestCertificates.trusting(server.certificate().certificate());
    return IrcTestClient.connectTls(server.ircTlsAddress(), tls);
  }

  @Test
  void chatsOverTlsWithAClientInCleartext() {
    String channel = "#" + Names.room("secure");
    try (var alice = overTls().register(Names.nick("alice")).join(channel);
        var bob = IrcTestClient.connect(server.ircAddress()).register(Names.nick("bob"))) {
      bob.join(channel);
      alice.expect("JOIN", line -> line.source().startsWith(bob.nick() + "!"));

      alice.send("PRIVMSG " + channel + " :over TLS");

      var told = bob.expect("PRIVMSG", line -> line.source().startsWith(alice.nick() + "!"));
      assertEquals(List.of(channel, "over TLS"), told.params());
    }
  }

  @Test
  void logsInWithSaslPlainOverTls() {
    String account = account("secure");
    try (var client = overTls().loginWithSasl(account, PASSWORD)) {
      assertEquals(account, client.nick());
    }
  }

  @Test
  void refusesSaslPlainInCleartextNamingTheIrcTlsPort() {
    String account = account("plain");
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302");
      client.expect("CAP", line -> line.params().get(1).equals("LS"));
      client.requestCaps("sasl");
      client.send("NICK " + account).send("USER " + account + " 0 * :" + account);
      client.authenticate(account, PASSWORD);

      var refused = client.expect("904");
      String port = String.valueOf(server.settings().irc().tlsPort());
      assertTrue(refused.params().get(1).contains("IRC clients: port " + port), refused.toString());
    }
  }
}
