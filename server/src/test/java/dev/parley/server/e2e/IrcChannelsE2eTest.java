package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** IRC channels are Parley's rooms: JOIN, PART, TOPIC, NAMES, WHO, channel MODE, QUIT. */
@ExtendWith(LogCapturingExtension.class)
class IrcChannelsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  private static IrcTestClient registered(String prefix) {
    return IrcTestClient.connect(server.ircAddress()).register(Names.nick(prefix));
  }

  @Test
  void joinsAMissingChannelByCreatingTheRoom() {
    String channel = "#" + Names.room("new");
    try (var alice = registered("alice");
        var bob = RawClient.login(server.address(), Names.nick("bob"))) {
      alice.send("JOIN " + channel);

      var join = alice.expect("JOIN");
      assertEquals(alice.nick() + "!" + alice.nick() + "@parley", join.source());
      assertEquals(List.of(channel), join.params());
      var names = alice.expect("353");
      assertEquals(List.of(alice.nick(), "=", channel, alice.nick()), names.params());
      assertEquals(
          List.of(alice.nick(), channel, "End of /NAMES list"), alice.expect("366").params());
      bob.sendFrame("join", "room", channel.substring(1));
      var joined = bob.expect(ServerFrame.Joined.class);
      assertTrue(joined.members().contains(alice.nick()), joined.members().toString());
    }
  }

  @Test
  void joinsSeveralChannelsOfOneJoin() {
    String first = "#" + Names.room("one");
    String second = "#" + Names.room("two");
    try (var alice = registered("alice")) {
      alice.send("JOIN " + first + "," + second);

      alice.expect("366", line -> line.params().get(1).equals(first));
      alice.expect("366", line -> line.params().get(1).equals(second));
    }
  }

  @Test
  void refusesAChannelWithoutItsHashWith476() {
    try (var alice = registered("alice")) {
      alice.send("JOIN nohash");

      assertEquals("nohash", alice.expect("476").params().get(1));
    }
  }

  @Test
  void refusesAChannelNameThatNoRoomMayHaveWith479() {
    try (var alice = registered("alice")) {
      alice.send("JOIN #no!such*name");

      assertEquals("#no!such*name", alice.expect("479").params().get(1));
    }
  }

  @Test
  void saysNothingToAJoinOfAChannelAlreadyJoined() {
    String channel = "#" + Names.room("twice");
    try (var alice = registered("alice").join(channel)) {
      alice.send("JOIN " + channel);

      alice.expectNothingFor(Duration.ofMillis(300));
    }
  }

  @Test
  void showsAJoinAndAPartToTheOtherMembers() {
    String channel = "#" + Names.room("part");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      var joined = alice.expect("JOIN", line -> line.source().startsWith(bob.nick() + "!"));
      assertEquals(List.of(channel), joined.params());

      bob.send("PART " + channel + " :bye");

      assertEquals(List.of(channel), bob.expect("PART").params());
      var parted = alice.expect("PART", line -> line.source().startsWith(bob.nick() + "!"));
      assertEquals(List.of(channel), parted.params());
    }
  }

  @Test
  void answersAPartOfAChannelNotJoinedWith442() {
    try (var alice = registered("alice")) {
      alice.send("PART #" + Names.room("elsewhere"));

      assertEquals("You're not on that channel", alice.expect("442").params().get(2));
    }
  }

  @Test
  void setsATopicThatTheOtherMembersSeeAndATopicQueryAnswers() {
    String channel = "#" + Names.room("topic");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel);
        var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      carol.sendFrame("join", "room", channel.substring(1));
      carol.expect(ServerFrame.Joined.class);
      alice.send("TOPIC " + channel).expect("331");

      alice.send("TOPIC " + channel + " :plans for \u0002today\u0002");

      var told = bob.expect("TOPIC");
      assertTrue(told.source().startsWith(alice.nick() + "!"), told.source());
      assertEquals(List.of(channel, "plans for today"), told.params());
      assertEquals("plans for today", carol.expect(ServerFrame.Topic.class).topic());
      assertEquals(List.of(channel, "plans for today"), alice.expect("TOPIC").params());
      alice.send("TOPIC " + channel);
      assertEquals(List.of(alice.nick(), channel, "plans for today"), alice.expect("332").params());
    }
  }

  @Test
  void sendsTheTopicToANewMemberAsItJoins() {
    String channel = "#" + Names.room("told");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob")) {
      alice.send("TOPIC " + channel + " :the plan").expect("TOPIC");

      bob.send("JOIN " + channel);

      assertEquals("the plan", bob.expect("332").params().get(2));
      bob.expect("366");
    }
  }

  @Test
  void answersATopicOfAChannelNotJoinedWith442() {
    try (var alice = registered("alice")) {
      alice.send("TOPIC #" + Names.room("away") + " :new topic");

      alice.expect("442");
    }
  }

  @Test
  void namesTheMembersOfAChannel() {
    String channel = "#" + Names.room("names");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      alice.send("NAMES " + channel);

      var names = alice.expect("353");
      assertEquals(List.of(alice.nick(), "=", channel), names.params().subList(0, 3));
      assertEquals(
          List.of(alice.nick(), bob.nick()).stream().sorted().toList(),
          List.of(names.params().get(3).split(" ")).stream().sorted().toList());
      assertEquals(channel, alice.expect("366").params().get(1));
    }
  }

  @Test
  void answersWhoOfAChannelWithAWhoReplyForEachMember() {
    String channel = "#" + Names.room("who");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      alice.send("WHO " + channel);

      var replies = List.of(alice.expect("352"), alice.expect("352"));
      var nicks = replies.stream().map(reply -> reply.params().get(5)).sorted().toList();
      assertEquals(List.of(alice.nick(), bob.nick()).stream().sorted().toList(), nicks);
      var reply = replies.get(0);
      assertEquals(List.of(alice.nick(), channel), reply.params().subList(0, 2));
      assertEquals("H", reply.params().get(6));
      assertTrue(reply.params().get(7).startsWith("0 "), reply.toString());
      assertEquals(List.of(alice.nick(), channel, "End of WHO list"), alice.expect("315").params());
    }
  }

  @Test
  void answersChannelModeQueries() {
    String channel = "#" + Names.room("mode");
    try (var alice = registered("alice").join(channel)) {
      alice.send("MODE " + channel);
      assertEquals(List.of(alice.nick(), channel, "+n"), alice.expect("324").params());

      alice.send("MODE " + channel + " +b");
      assertEquals(channel, alice.expect("368").params().get(1));

      alice.send("MODE " + channel + " +o " + alice.nick());
      assertEquals(channel, alice.expect("482").params().get(1));
    }
  }

  @Test
  void endsAQuitWithErrorAndShowsItToTheOtherMembers() {
    String channel = "#" + Names.room("quit");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      bob.send("QUIT :gone fishing");

      var error = bob.expect("ERROR");
      assertTrue(error.params().get(0).startsWith("Closing link: " + bob.nick()), error.toString());
      bob.expectClosed();
      var quit = alice.expect("QUIT", line -> line.source().startsWith(bob.nick() + "!"));
      assertEquals(List.of("gone fishing"), quit.params());
    }
  }

  @Test
  void showsAUserKickedFromTheConsoleWithTheOperatorsReason() {
    String channel = "#" + Names.room("kicked");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      server.kick(bob.nick(), "spamming");

      var quit = alice.expect("QUIT", line -> line.source().startsWith(bob.nick() + "!"));
      assertEquals(List.of("Kicked by an operator: spamming"), quit.params());
    }
  }

  @Test
  void showsAQuitWithoutWordsAsQuit() {
    String channel = "#" + Names.room("quiet");
    try (var alice = registered("alice").join(channel);
        var bob = registered("bob").join(channel)) {
      bob.send("QUIT");

      bob.expect("ERROR");
      var quit = alice.expect("QUIT", line -> line.source().startsWith(bob.nick() + "!"));
      assertEquals(List.of("Quit"), quit.params());
    }
  }
}
