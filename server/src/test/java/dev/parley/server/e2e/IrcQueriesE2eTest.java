package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What an IRC client asks about users, channels and itself (WHOIS, ISON, LIST, MODE, AWAY), and how
 * the door answers what it does not do or cannot read.
 */
@ExtendWith(LogCapturingExtension.class)
class IrcQueriesE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  private static IrcTestClient registered(String prefix) {
    return IrcTestClient.connect(server.ircAddress()).register(Names.nick(prefix));
  }

  @Test
  void answersWhoisOfAUserOnlineOnEitherDoor() {
    String bob = Names.nick("bob");
    try (var alice = registered("alice");
        var json = RawClient.login(server.address(), bob)) {
      alice.send("WHOIS " + bob);

      assertEquals(
          List.of(alice.nick(), bob, bob, "parley", "*", bob), alice.expect("311").params());
      assertEquals(
          List.of(alice.nick(), bob, "parley"), alice.expect("312").params().subList(0, 3));
      assertEquals(List.of(alice.nick(), bob, "End of /WHOIS list"), alice.expect("318").params());
    }
  }

  @Test
  void answersWhoisOfANickOfflineWith401() {
    String nobody = Names.nick("nobody");
    try (var alice = registered("alice")) {
      alice.send("WHOIS " + nobody);

      assertEquals(
          List.of(alice.nick(), nobody, "No such nick/channel"), alice.expect("401").params());
      assertEquals(nobody, alice.expect("318").params().get(1));
    }
  }

  @Test
  void answersIsonWithTheNicksOnline() {
    String offline = Names.nick("offline");
    try (var alice = registered("alice");
        var bob = registered("bob")) {
      alice.send("ISON " + bob.nick() + " " + offline + " " + alice.nick());

      assertEquals(
          List.of(alice.nick(), bob.nick() + " " + alice.nick()), alice.expect("303").params());
    }
  }

  @Test
  void listsTheChannelsWithTheirMembersAndTopics() {
    String channel = "#" + Names.room("list");
    try (var alice = registered("alice").join(channel)) {
      alice.send("TOPIC " + channel + " :listed here").expect("TOPIC");

      alice.send("LIST");

      assertEquals(List.of(alice.nick(), "Channel", "Users  Name"), alice.expect("321").params());
      var entry = alice.expect("322", line -> line.params().get(1).equals(channel));
      assertEquals(List.of(alice.nick(), channel, "1", "listed here"), entry.params());
      assertEquals(List.of(alice.nick(), "End of /LIST"), alice.expect("323").params());
    }
  }

  @Test
  void answersModeQueriesOfOnesOwnUserWith221() {
    try (var alice = registered("alice")) {
      alice.send("MODE " + alice.nick());

      assertEquals(List.of(alice.nick(), "+i"), alice.expect("221").params());
    }
  }

  @Test
  void refusesAnotherUserModeWith501() {
    try (var alice = registered("alice")) {
      alice.send("MODE " + alice.nick() + " +w");

      assertEquals(alice.nick(), alice.expect("501").params().get(0));
    }
  }

  @Test
  void refusesModesOfAnotherUserWith502() {
    try (var alice = registered("alice");
        var bob = registered("bob")) {
      alice.send("MODE " + bob.nick());

      assertEquals(alice.nick(), alice.expect("502").params().get(0));
    }
  }

  @Test
  void marksAUserAwayAndBackAndShowsItInWho() {
    String channel = "#" + Names.room("away");
    try (var alice = registered("alice").join(channel)) {
      alice.send("AWAY :out for lunch");
      assertEquals(
          List.of(alice.nick(), "You have been marked as being away"),
          alice.expect("306").params());
      alice.send("WHO " + channel);
      assertEquals("G", alice.expect("352").params().get(6));

      alice.send("AWAY");
      assertEquals(alice.nick(), alice.expect("305").params().get(0));
      alice.send("WHO " + channel);
      assertEquals("H", alice.expect("352").params().get(6));
    }
  }

  @Test
  void answersAnUnknownCommandWith421() {
    try (var alice = registered("alice")) {
      alice.send("FROBNICATE now");

      assertEquals(
          List.of(alice.nick(), "FROBNICATE", "Unknown command"), alice.expect("421").params());
    }
  }

  @Test
  void keepsTheNickOfARegisteredClientWith447() {
    try (var alice = registered("alice")) {
      alice.send("NICK " + Names.nick("other"));

      assertEquals(alice.nick(), alice.expect("447").params().get(0));
      alice.send("WHOIS " + alice.nick());
      alice.expect("311");
    }
  }

  @Test
  void answersALineOver512BytesWith417AndKeepsTheConnection() {
    try (var alice = registered("alice")) {
      alice.send("PRIVMSG #lobby :" + "x".repeat(600));

      assertEquals(List.of(alice.nick(), "Input line was too long"), alice.expect("417").params());
      alice.send("PING :after");
      assertEquals("after", alice.expect("PONG").params().get(1));
    }
  }

  @Test
  void answersALineThatIsNotUtf8WithFailAndKeepsTheConnection() {
    try (var alice = registered("alice")) {
      var line = new ByteArrayOutputStream();
      line.writeBytes("PRIVMSG #lobby :caf".getBytes(UTF_8));
      line.write(0xe9);
      line.writeBytes("\r\n".getBytes(UTF_8));
      alice.sendBytes(line.toByteArray());

      var fail = alice.expect("FAIL");
      assertEquals(List.of("*", "INVALID_UTF8"), fail.params().subList(0, 2));
      alice.send("PING :after");
      assertEquals("after", alice.expect("PONG").params().get(1));
    }
  }
}
