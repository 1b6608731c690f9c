package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An IRC client's registration: NICK and USER, CAP, PASS and SASL, as irssi or WeeChat do it. */
@ExtendWith(LogCapturingExtension.class)
class IrcRegistrationE2eTest {

  private static final String PASSWORD = "a password long enough";

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  /** A connection that asked for sasl, got it, and sent NICK {@code nick} and USER. */
  private static IrcTestClient saslNegotiating(String nick) {
    var client = IrcTestClient.connect(server.ircAddress());
    client
        .send("CAP LS 302")
        .send("CAP REQ :sasl")
        .expect("CAP", l -> l.params().get(1).equals("ACK"));
    client.send("NICK " + nick).send("USER u 0 * :Real Name");
    return client;
  }

  @Test
  void welcomesNickAndUserWithTheNumericsOfRegistrationAndTheMotd() {
    String nick = Names.nick("reg");
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("NICK " + nick).send("USER " + nick + " 0 * :Real Name");

      var welcome = client.expect("001");
      assertEquals(nick, welcome.params().get(0));
      assertTrue(
          welcome.params().get(1).endsWith(nick + "!" + nick + "@parley"), welcome.toString());
      assertTrue(client.expect("002").params().get(1).contains("parley-"));
      client.expect("003");
      var myInfo = client.expect("004");
      assertEquals("parley", myInfo.params().get(1));
      var isupport = client.expect("005").params();
      assertEquals(nick, isupport.get(0));
      assertTrue(isupport.contains("CHANTYPES=#"), isupport.toString());
      assertTrue(isupport.contains("CASEMAPPING=ascii"), isupport.toString());
      assertTrue(isupport.contains("NETWORK=parley"), isupport.toString());
      assertTrue(isupport.contains("NICKLEN=16"), isupport.toString());
      assertTrue(isupport.contains("UTF8ONLY"), isupport.toString());
      assertTrue(isupport.contains("CHATHISTORY=500"), isupport.toString());
      assertEquals("are supported by this server", isupport.get(isupport.size() - 1));
      client.expect("375");
      assertEquals("- Welcome to Parley.", client.expect("372").params().get(1));
      client.expect("376");
      assertEquals(nick + "!" + nick + "@parley", client.expect("JOIN").source());
    }
  }

  @Test
  void offersItsCapabilitiesWithTheirValuesToCapLs302() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302");
      var ls = client.expect("CAP");
      assertEquals(List.of("*", "LS"), ls.params().subList(0, 2));
      List<String> offered = List.of(ls.params().get(2).split(" "));
      assertTrue(
          offered.containsAll(List.of("sasl=PLAIN", "server-time", "message-tags")),
          ls.params().toString());
      assertTrue(
          offered.containsAll(List.of("echo-message", "batch", "draft/chathistory")),
          offered.toString());

      client.send("CAP LS");
      assertTrue(List.of(client.expect("CAP").params().get(2).split(" ")).contains("sasl"));
    }
  }

  @Test
  void acknowledgesARequestOfOfferedCapabilitiesAndListsThem() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302").send("CAP REQ :server-time echo-message");

      var ack = client.expect("CAP", line -> line.params().get(1).equals("ACK"));
      assertEquals("server-time echo-message", ack.params().get(2));
      client.send("CAP LIST");
      var list = client.expect("CAP", line -> line.params().get(1).equals("LIST"));
      assertEquals("server-time echo-message", list.params().get(2));
    }
  }

  @Test
  void refusesARequestWithAnUnknownCapabilityWhole() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302").send("CAP REQ :server-time no-such-cap");

      var nak = client.expect("CAP", line -> line.params().get(1).equals("NAK"));
      assertEquals("server-time no-such-cap", nak.params().get(2));
      client.send("CAP LIST");
      assertEquals(
          "", client.expect("CAP", line -> line.params().get(1).equals("LIST")).params().get(2));
    }
  }

  @Test
  void waitsForCapEndBeforeItWelcomesANegotiatingClient() {
    String nick = Names.nick("capend");
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302").expect("CAP");
      client.send("NICK " + nick).send("USER " + nick + " 0 * :Real Name");
      client.expectNothingFor(Duration.ofMillis(300));

      client.send("CAP END");
      client.welcomed();
      assertEquals(nick, client.nick());
    }
  }

  @Test
  void answersNickWithoutANickWith431() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("NICK");

      assertEquals(List.of("*", "No nickname given"), client.expect("431").params());
    }
  }

  @Test
  void refusesAnInvalidNickWith432AndTakesAnotherNick() {
    String nick = Names.nick("inv");
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("NICK 9lives").send("USER u 0 * :Real Name");

      assertEquals("9lives", client.expect("432").params().get(1));
      client.send("NICK " + nick);
      client.welcomed();
      assertEquals(nick, client.nick());
    }
  }

  @Test
  void refusesANickInUseWith433AndTakesAnotherNickOnTheSameConnection() {
    String taken = Names.nick("taken");
    String other = Names.nick("other");
    try (var holder = IrcTestClient.connect(server.ircAddress()).register(taken);
        var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("NICK " + taken).send("USER u 0 * :Real Name");

      var inUse = client.expect("433");
      assertEquals(List.of("*", taken), inUse.params().subList(0, 2));
      client.send("NICK " + other);
      client.welcomed();
      assertEquals(other, client.nick());
    }
  }

  @Test
  void answersACommandBeforeRegistrationWith451() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("JOIN #early");

      assertEquals(List.of("*", "You have not registered"), client.expect("451").params());
    }
  }

  @Test
  void answersAUserWithoutItsParametersWith461() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("USER onlyone");

      assertEquals("USER", client.expect("461").params().get(1));
    }
  }

  @Test
  void answersUserAfterRegistrationWith462() {
    String nick = Names.nick("again");
    try (var client = IrcTestClient.connect(server.ircAddress()).register(nick)) {
      client.send("USER " + nick + " 0 * :Real Name");

      assertEquals(nick, client.expect("462").params().get(0));
    }
  }

  @Test
  void logsAnAccountInWithItsPasswordAsPass() {
    String account = IrcTestClient.account(server.address(), "pass", PASSWORD);
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("PASS :" + PASSWORD).register(account);

      assertEquals(account, client.nick());
    }
  }

  @Test
  void refusesAnAccountsNickWithAWrongPassWith464() {
    String account = IrcTestClient.account(server.address(), "wrong", PASSWORD);
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("PASS :not the password").send("NICK " + account).send("USER u 0 * :Name");

      assertTrue(client.expect("464").params().get(1).startsWith("Password incorrect"));
    }
  }

  @Test
  void logsAnAccountInWithSaslPlain() {
    String account = IrcTestClient.account(server.address(), "sasl", PASSWORD);
    try (var client = saslNegotiating(account)) {
      client.authenticate(account, PASSWORD);

      var loggedIn = client.expect("900");
      assertEquals(account, loggedIn.params().get(0));
      assertEquals(account + "!" + account + "@parley", loggedIn.params().get(1));
      assertEquals(account, loggedIn.params().get(2));
      client.expect("903");
      client.send("CAP END");
      client.welcomed();
      assertEquals(account, client.nick());
    }
  }

  @Test
  void answersAWrongSaslPasswordWith904AndGoesOnRegistering() {
    String account = IrcTestClient.account(server.address(), "saslno", PASSWORD);
    String guest = Names.nick("guest");
    try (var client = saslNegotiating(guest)) {
      client.authenticate(account, "not the password");

      client.expect("904");
      client.send("CAP END");
      client.welcomed();
      assertEquals(guest, client.nick());
    }
  }

  @Test
  void answersAnAbortedSaslExchangeWith906() {
    String guest = Names.nick("abort");
    try (var client = saslNegotiating(guest)) {
      client.send("AUTHENTICATE PLAIN").expect("AUTHENTICATE");
      client.send("AUTHENTICATE *");

      client.expect("906");
      client.send("CAP END");
      client.welcomed();
      assertEquals(guest, client.nick());
    }
  }

  @Test
  void answersAnAbortBeforeAnyMechanismWith906() {
    String guest = Names.nick("abort");
    try (var client = saslNegotiating(guest)) {

      client.send("AUTHENTICATE *");

      var lines = client.linesUntil("906", line -> true);
      assertTrue(
          lines.stream().noneMatch(line -> List.of("904", "908").contains(line.command())),
          lines.toString());
      client.send("CAP END");
      client.welcomed();
    }
  }

  @Test
  void answersSaslWithoutTheSaslCapabilityWith904() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("AUTHENTICATE PLAIN");

      client.expect("904");
    }
  }

  @Test
  void answersPingWithPongBeforeAndAfterRegistration() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("PING :early bird");
      assertEquals(List.of("parley", "early bird"), client.expect("PONG").params());

      client.register(Names.nick("ping"));
      client.send("PING token");
      assertEquals(List.of("parley", "token"), client.expect("PONG").params());
    }
  }
}
