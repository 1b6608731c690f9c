package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.irc.IrcMessage;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AWAY through the IRC door: the away message of a user on either door in WHOIS and in the 301 that
 * answers a PRIVMSG to it, the G of WHO, and away-notify's AWAY lines, told once a change.
 */
@ExtendWith(LogCapturingExtension.class)
class IrcAwayE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  private static IrcTestClient registered(String prefix) {
    return IrcTestClient.connect(server.ircAddress()).register(Names.nick(prefix));
  }

  private static IrcTestClient withAwayNotify(String prefix) {
    return IrcTestClient.connect(server.ircAddress())
        .registerWithCaps(Names.nick(prefix), "away-notify");
  }

  private static boolean from(IrcMessage line, String nick) {
    return line.source() != null && line.source().startsWith(nick + "!");
  }

  private static long awaysFrom(List<IrcMessage> lines, String nick) {
    return lines.stream().filter(line -> line.command().equals("AWAY") && from(line, nick)).count();
  }

  @Test
  void showsTheAwayMessageInWhoisAndAnswersAPrivmsgToItWith301() {
    try (var alice = registered("alice");
        var bob = registered("bob")) {
      bob.send("AWAY :gone fishing");
      assertEquals(
          List.of(bob.nick(), "You have been marked as being away"), bob.expect("306").params());

      alice.send("WHOIS " + bob.nick());
      assertEquals(List.of(alice.nick(), bob.nick(), "gone fishing"), alice.expect("301").params());
      alice.expect("318");
      alice.send("PRIVMSG " + bob.nick() + " :still there?");
      assertEquals(List.of(alice.nick(), bob.nick(), "gone fishing"), alice.expect("301").params());
      bob.expect("PRIVMSG", line -> from(line, alice.nick()));
      // a NOTICE is never answered
      alice.send("NOTICE " + bob.nick() + " :ping me").send("PING :after");
      var afterNotice = alice.linesUntil("PONG", line -> true);
      assertTrue(
          afterNotice.stream().noneMatch(line -> line.command().equals("301")),
          afterNotice.toString());

      bob.send("AWAY");
      assertEquals(
          List.of(bob.nick(), "You are no longer marked as being away"),
          bob.expect("305").params());
      alice.send("WHOIS " + bob.nick());
      var whois = alice.linesUntil("318", line -> true);
      assertTrue(whois.stream().noneMatch(line -> line.command().equals("301")), whois.toString());
    }
  }

  @Test
  void showsAJsonUsersAwayInWhoAndWhois() {
    String channel = "#" + Names.room("who");
    String bobNick = Names.nick("bob");
    try (var alice = registered("alice").join(channel);
        var bob = RawClient.login(server.address(), bobNick)) {
      bob.sendFrame("join", "room", channel.substring(1));
      bob.expect(ServerFrame.Joined.class);
      bob.sendFrame("away", "text", "at the dentist");
      bob.expect(ServerFrame.Ok.class);

      alice.send("WHO " + channel);
      var bobInWho = alice.expect("352", line -> line.params().get(5).equals(bobNick));
      assertEquals("G", bobInWho.params().get(6));
      alice.expect("315");
      alice.send("WHO " + bobNick);
      assertEquals("G", alice.expect("352").params().get(6));
      alice.send("WHOIS " + bobNick);
      assertEquals("at the dentist", alice.expect("301").params().get(2));
    }
  }

  @Test
  void tellsAClientOfAwayNotifyEachChangeOnceHoweverManyChannelsItShares() {
    String first = "#" + Names.room("first");
    String second = "#" + Names.room("second");
    try (var alice = withAwayNotify("alice").join(first).join(second);
        var bob = registered("bob").join(first).join(second)) {
      // an away user's JOIN is followed by its AWAY: these come before it is away
      alice.expect("JOIN", line -> from(line, bob.nick()) && line.params().get(0).equals(first));
      alice.expect("JOIN", line -> from(line, bob.nick()) && line.params().get(0).equals(second));
      bob.send("AWAY :lunch").expect("306");
      bob.send("PRIVMSG " + first + " :one").send("PRIVMSG " + second + " :two");

      // each room tells its AWAY before the message that came after it
      var lines = alice.linesUntil("PRIVMSG", line -> line.params().get(0).equals(first));
      lines.addAll(alice.linesUntil("PRIVMSG", line -> line.params().get(0).equals(second)));
      assertEquals(1, awaysFrom(lines, bob.nick()), lines.toString());
      var away = lines.stream().filter(line -> line.command().equals("AWAY")).findFirst().get();
      assertEquals(List.of("lunch"), away.params());

      bob.send("AWAY").expect("305");
      var back = alice.expect("AWAY", line -> from(line, bob.nick()));
      assertEquals(List.of(), back.params());
    }
  }

  @Test
  void tellsTheAwayOfAUserWhoJoinsRightAfterItsJoin() {
    String channel = "#" + Names.room("arrive");
    try (var alice = withAwayNotify("alice").join(channel);
        var bob = registered("bob")) {
      bob.send("AWAY :busy").expect("306");
      // told by the lobby, which both are in
      alice.expect("AWAY", line -> from(line, bob.nick()));

      bob.join(channel);

      var lines = alice.linesUntil("AWAY", line -> from(line, bob.nick()));
      assertTrue(
          lines.stream().anyMatch(line -> line.command().equals("JOIN") && from(line, bob.nick())),
          "the JOIN comes first: " + lines);
      assertEquals(List.of("busy"), lines.get(lines.size() - 1).params());
    }
  }

  @Test
  void tellsAClientWithoutAwayNotifyNoAway() {
    String channel = "#" + Names.room("quiet");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      bob.send("AWAY :lunch").expect("306");
      bob.send("PRIVMSG " + channel + " :after");

      var lines = alice.linesUntil("PRIVMSG", line -> from(line, bob.nick()));

      assertEquals(0, awaysFrom(lines, bob.nick()), lines.toString());
    }
  }

  @Test
  void offersAwayNotify() {
    try (var client = IrcTestClient.connect(server.ircAddress())) {
      client.send("CAP LS 302");

      var offer = client.expect("CAP", line -> line.params().get(1).equals("LS"));
      assertTrue(
          List.of(offer.params().get(2).split(" ")).contains("away-notify"), offer.toString());
    }
  }
}
