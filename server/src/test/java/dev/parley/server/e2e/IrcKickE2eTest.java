package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** An operator's KICK at the IRC door: seen by every member, and each refusal's numeric. */
@ExtendWith(LogCapturingExtension.class)
class IrcKickE2eTest {

  private static final String CONFIG = "e2e-irc-operators";
  private static final String OPERATOR = "IrcOper";
  private static final String PASSWORD = "the operator's password";

  @RegisterExtension
  static final RunningServer server = TestUsersFile.serverWith(CONFIG, OPERATOR, PASSWORD);

  private static IrcTestClient operator(String channel) {
    return IrcTestClient.connect(server.ircAddress())
        .loginWithSasl(OPERATOR, PASSWORD)
        .join(channel);
  }

  private static IrcTestClient member(String prefix, String channel) {
    return IrcTestClient.connect(server.ircAddress()).register(Names.nick(prefix)).join(channel);
  }

  private static String channel(String prefix) {
    return "#" + Names.room(prefix);
  }

  @Test
  void everyMemberSeesTheKickTheKickerAndTheKickedIncluded() {
    String channel = channel("kick");
    try (var operator = operator(channel);
        var bob = member("bob", channel);
        var carol = member("carol", channel);
        var dave = RawClient.login(server.address(), Names.nick("dave"))) {
      dave.sendFrame("join", "room", channel.substring(1));
      dave.expect(ServerFrame.Joined.class);

      operator.send("KICK " + channel + " " + bob.nick() + " :spamming \u0002again\u0002");

      for (IrcTestClient member : List.of(operator, bob, carol)) {
        var kick = member.expect("KICK", line -> line.params().get(1).equals(bob.nick()));
        assertEquals(OPERATOR + "!" + OPERATOR + "@parley", kick.source());
        assertEquals(List.of(channel, bob.nick(), "spamming again"), kick.params());
      }
      var left = dave.expect(ServerFrame.MemberLeft.class, l -> l.nick().equals(bob.nick()), "");
      assertEquals(DepartureReason.KICKED, left.reason());
      assertEquals(OPERATOR, left.by());
      bob.send("PRIVMSG " + channel + " :still here?");
      assertEquals(channel, bob.expect("404").params().get(1));
    }
  }

  @Test
  void kicksEachNickOfOneKickAndGivesTheKickersNickWithoutAReason() {
    String channel = channel("many");
    try (var operator = operator(channel);
        var bob = member("bob", channel);
        var carol = member("carol", channel)) {
      operator.send("KICK " + channel + " " + bob.nick() + "," + carol.nick());

      assertEquals(
          List.of(channel, bob.nick(), OPERATOR),
          operator.expect("KICK", line -> line.params().get(1).equals(bob.nick())).params());
      assertEquals(
          List.of(channel, carol.nick(), OPERATOR),
          operator.expect("KICK", line -> line.params().get(1).equals(carol.nick())).params());
      bob.expect("KICK", line -> line.params().get(1).equals(bob.nick()));
      carol.expect("KICK", line -> line.params().get(1).equals(carol.nick()));
    }
  }

  @Test
  void aKickedUserMayJoinAgain() {
    String channel = channel("back");
    try (var operator = operator(channel);
        var bob = member("bob", channel)) {
      operator.send("KICK " + channel + " " + bob.nick() + " :cool off");
      bob.expect("KICK", line -> line.params().get(1).equals(bob.nick()));

      bob.join(channel);

      operator.expect("JOIN", line -> line.source().startsWith(bob.nick() + "!"));
    }
  }

  @Test
  void answersAKickWithoutANickWith461() {
    String channel = channel("params");
    try (var operator = operator(channel)) {
      operator.send("KICK");
      assertEquals(
          List.of(OPERATOR, "KICK", "Not enough parameters"), operator.expect("461").params());
      operator.send("KICK " + channel);
      assertEquals("KICK", operator.expect("461").params().get(1));
    }
  }

  @Test
  void answersAKickOnAChannelTheKickerIsNotOnWith442AndOfNoChannelWith403() {
    String channel = channel("mine");
    try (var bob = member("bob", channel);
        var operator = operator(channel("other"))) {
      operator.send("KICK " + channel + " " + bob.nick());
      assertEquals(
          List.of(OPERATOR, channel, "You're not on that channel"),
          operator.expect("442").params());

      operator.send("KICK nohash " + bob.nick());
      assertEquals("nohash", operator.expect("403").params().get(1));
    }
  }

  @Test
  void answersTheKickOfANonOperatorWith482() {
    String channel = channel("noop");
    try (var bob = member("bob", channel);
        var carol = member("carol", channel)) {
      carol.send("KICK " + channel + " " + bob.nick() + " :out");

      assertEquals(
          List.of(carol.nick(), channel, "You're not channel operator"),
          carol.expect("482").params());
      bob.send("NAMES " + channel);
      assertTrue(bob.expect("353").params().get(3).contains(bob.nick()));
    }
  }

  @Test
  void answersTheKickOfSomeoneNotOnTheChannelWith441() {
    String channel = channel("absent");
    try (var operator = operator(channel)) {
      operator.send("KICK " + channel + " nobody_here");

      assertEquals(
          List.of(OPERATOR, "nobody_here", channel, "They aren't on that channel"),
          operator.expect("441").params());
    }
  }

  @Test
  void showsAJsonUsersQuitWithItsWords() {
    String channel = channel("quit");
    String daveNick = Names.nick("dave");
    try (var bob = member("bob", channel);
        var dave = RawClient.login(server.address(), daveNick)) {
      dave.sendFrame("join", "room", channel.substring(1));
      dave.expect(ServerFrame.Joined.class);
      bob.expect("JOIN", line -> line.source().startsWith(daveNick + "!"));

      dave.sendFrame("quit", "text", "back\nafter lunch");

      var quit = bob.expect("QUIT", line -> line.source().startsWith(daveNick + "!"));
      assertEquals(List.of("back after lunch"), quit.params());
    }
  }
}
