package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * irssi, a real IRC client, at the server's IRC door, as a person uses it: it joins a channel and
 * talks there with a user of the JSON protocol, and the two send each other direct messages; an
 * account logs in with SASL PLAIN.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.IrssiInTmux#available",
    disabledReason = IrssiInTmux.MISSING)
class IrssiE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  // typed on irssi's command line: no quotes or spaces
  private static final String PASSWORD = "irssi-long-password";

  @Test
  void whatIrssiSaysInAChannelReachesTheJsonUsersOfTheRoom() {
    String room = Names.room("dev");
    String person = Names.nick("irssi");
    try (var json = RawClient.login(server.address(), Names.nick("json"));
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      json.sendFrame("create", "room", room);
      json.expect(ServerFrame.Joined.class);
      irssi.connect();
      irssi.join("#" + room);
      json.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(person), person);

      irssi.type("hello from irssi, café ☕");

      var heard = json.expect(ServerFrame.Message.class);
      assertEquals(
          List.of(room, person, "hello from irssi, café ☕"),
          List.of(heard.room(), heard.from(), heard.text()));
    }
  }

  @Test
  void whatAJsonUserSaysShowsInIrssisChannelWindow() {
    String room = Names.room("dev");
    String speaker = Names.nick("json");
    String person = Names.nick("irssi");
    try (var json = RawClient.login(server.address(), speaker);
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      json.sendFrame("create", "room", room);
      json.expect(ServerFrame.Joined.class);
      irssi.connect();
      irssi.join("#" + room);
      json.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(person), person);

      json.sendFrame("say", "room", room, "text", "hello from JSON, thé ☕");
      json.expect(ServerFrame.Message.class);

      // "< nick> text", or "<@nick> text" when the door gives the nick a channel mode
      String line = speaker + "> hello from JSON, thé ☕";
      irssi.waitForWindow("#" + room, line);
      irssi.waitForScreen(line);
    }
  }

  @Test
  void aDirectMessageFromAJsonUserOpensAQueryWindowInIrssi() {
    String sender = Names.nick("json");
    String person = Names.nick("irssi");
    try (var json = RawClient.login(server.address(), sender);
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      irssi.connect();

      json.sendFrame("dm", "to", person, "text", "psst, just between us");
      var sent = json.expect(ServerFrame.Direct.class);
      assertNotEquals(Boolean.TRUE, sent.stored(), "irssi is online: nothing waits in a mailbox");

      String line = "<" + sender + "> psst, just between us";
      irssi.waitForWindow(sender, line);
      irssi.type("/window goto " + sender);
      irssi.waitForScreen(line);
    }
  }

  @Test
  void whatIrssiTypesInAQueryWindowReachesTheJsonUserAsADirectMessage() {
    String friend = Names.nick("json");
    String person = Names.nick("irssi");
    try (var json = RawClient.login(server.address(), friend);
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      irssi.connect();
      json.sendFrame("dm", "to", person, "text", "still there?");
      json.expect(ServerFrame.Direct.class);
      irssi.waitForWindow(friend, "still there?");
      irssi.type("/window goto " + friend);
      irssi.waitForScreen("[" + friend + "]");

      irssi.type("yes, right here");

      var reply = json.expect(ServerFrame.Direct.class);
      assertEquals(
          List.of(person, friend, "yes, right here"),
          List.of(reply.from(), reply.to(), reply.text()));
    }
  }

  @Test
  void irssisPrivateMessageReachesAJsonUserAsADirectMessage() {
    String recipient = Names.nick("json");
    String person = Names.nick("irssi");
    try (var json = RawClient.login(server.address(), recipient);
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      irssi.connect();

      irssi.type("/msg " + recipient + " are you there?");

      var direct = json.expect(ServerFrame.Direct.class);
      assertEquals(
          List.of(person, recipient, "are you there?"),
          List.of(direct.from(), direct.to(), direct.text()));
    }
  }

  @Test
  void aJsonUserWhoQuitsQuitsOnceInIrssiThoughTheyShareTwoChannels() {
    String leaver = Names.nick("leaver");
    String person = Names.nick("irssi");
    List<String> rooms = List.of(Names.room("one"), Names.room("two"));
    try (var json = RawClient.login(server.address(), leaver);
        var witness = RawClient.login(server.address(), Names.nick("witness"));
        var irssi = IrssiInTmux.start(server.ircAddress(), person)) {
      rooms.forEach(room -> Rooms.enter(room, json, witness));
      irssi.connect();
      // the lobby's departures are not ordered with the witness's lines below: out of it
      irssi.type("/part #lobby");
      irssi.waitForWindow("#lobby", "has left #lobby");
      for (String room : rooms) {
        irssi.join("#" + room);
        json.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(person), "");
        witness.expect(ServerFrame.MemberJoined.class, joined -> joined.nick().equals(person), "");
      }

      json.sendFrame("quit");
      json.expect(ServerFrame.Bye.class);

      // each room tells its members in order: irssi has its QUIT once it has the line after it
      for (int i = 0; i < rooms.size(); i++) {
        witness.expect(ServerFrame.MemberLeft.class, left -> left.nick().equals(leaver), leaver);
      }
      for (String room : rooms) {
        witness.sendFrame("say", "room", room, "text", "after the quit");
        witness.expect(ServerFrame.Message.class);
        irssi.waitForWindow("#" + room, "after the quit");
      }
      var quits = irssi.rawLog().lines().filter(line -> line.contains(":" + leaver + "!")).toList();
      assertEquals(
          1,
          quits.stream().filter(line -> line.contains(" QUIT ")).count(),
          "IRC tells a QUIT once to each client that shares a channel with the user, not once per"
              + " channel; irssi got:\n"
              + String.join("\n", quits));
    }
  }

  @Test
  void anAccountLogsInWithSaslPlainAndGetsTheMailThatWaited() {
    String account = registered("acct");
    String friend = Names.nick("friend");
    try (var json = RawClient.login(server.address(), friend)) {
      json.sendFrame("dm", "to", account, "text", "welcome back");
      var sent = json.expect(ServerFrame.Direct.class);
      assertEquals(Boolean.TRUE, sent.stored(), "the account is offline: the message waits");

      try (var irssi = IrssiInTmux.start(server.ircAddress(), account)) {
        irssi.logInWithSaslPlain(account, PASSWORD);
        irssi.connect();

        irssi.waitForPrinted("SASL authentication succeeded");
        irssi.waitForWindow(friend, "<" + friend + "> welcome back");
      }
    }
  }

  @Test
  void aWrongSaslPasswordIsRefusedAndIrssiIsNotLoggedIn() {
    String account = registered("acct");
    try (var irssi = IrssiInTmux.start(server.ircAddress(), account)) {
      irssi.logInWithSaslPlain(account, "not-" + PASSWORD);
      irssi.type("/connect " + IrssiInTmux.NETWORK);

      irssi.waitForPrinted("Cannot authenticate via SASL");
      // irssi gives up on a refused SASL login (its sasl_disconnect_on_failure): nothing follows
      irssi.waitForPrinted("Connection lost");
      assertEquals("", irssi.window("#lobby"), "irssi was not let into the lobby");
    }
  }

  /** Logs in as a guest over JSON, registers the nick as an account, and quits. */
  private static String registered(String prefix) {
    String nick = Names.nick(prefix);
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("register", "password", PASSWORD);
      client.expect(ServerFrame.Ok.class);
      client.sendFrame("quit");
      client.expect(ServerFrame.Bye.class);
    }
    return nick;
  }
}
