package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code hello} and what a connection may do before and right after its {@code welcome}. */
@ExtendWith(LogCapturingExtension.class)
class LoginE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @Test
  void welcomesAHelloWithItsNickAndTheServersDetails() {
    String nick = Names.nick("wel");
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", "h1", "nick", nick, "client", "e2e test");

      var welcome = client.expect(ServerFrame.Welcome.class);
      assertEquals(FrameId.of("h1"), welcome.re());
      assertEquals(nick, welcome.nick());
      assertEquals(1, welcome.protocol());
      assertEquals("parley", welcome.server());
      assertEquals("Welcome to Parley.", welcome.motd());
    }
  }

  @Test
  void joinsTheLobbyAfterTheWelcome() {
    String nick = Names.nick("lob");
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 1, "nick", nick);

      client.expect(ServerFrame.Welcome.class);
      var joined = client.expect(ServerFrame.Joined.class);
      assertEquals("lobby", joined.room());
      assertTrue(joined.members().contains(nick), "members: " + joined.members());
      assertNull(joined.re(), "the auto-join answers no frame of the client");
      assertFalse(client.lastLine().contains("\"re\""), client.lastLine());
      for (int i = 0; i < joined.replay(); i++) {
        client.expect(ServerFrame.Message.class, m -> Boolean.TRUE.equals(m.replay()), "replay");
      }
      client.sendFrame("who", "id", 2, "room", "lobby");
      var who = client.expect(ServerFrame.Members.class);
      assertTrue(who.members().contains(nick), "members: " + who.members());
    }
  }

  @Test
  void sendsNothingToAConnectionBeforeItSpeaks() {
    try (var client = RawClient.connect(server.address())) {
      client.expectNothingFor(Duration.ofMillis(300));

      client.sendFrame("ping", "id", "first");
      client.expectPong(FrameId.of("first"));
    }
  }

  @Test
  void refusesAnEmptyNickAsInvalid() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", "e", "nick", "");

      client.expectError(ErrorCode.NICK_INVALID, FrameId.of("e"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "1digitfirst",
        "-dashfirst",
        "has space",
        "seventeen_chars_x",
        "héllo",
        "dot.ted",
        "at@sign",
        "tab\there"
      })
  void refusesANickThatBreaksTheRules(String nick) {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 9, "nick", nick);

      client.expectError(ErrorCode.NICK_INVALID, FrameId.of(9));
    }
  }

  @Test
  void acceptsANickOfSixteenCharsWithEverySpecialChar() {
    String nick = "[e2e]{x}\\^|_-" + Names.nick("n").substring(2, 5);
    assertEquals(16, nick.length());
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "nick", nick);

      assertEquals(nick, client.expect(ServerFrame.Welcome.class).nick());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"server", "SYSTEM", "Admin", "oPeRaToR", "PARLEY"})
  void refusesAReservedNickInAnyLetterCase(String nick) {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", "r", "nick", nick);

      client.expectError(ErrorCode.NICK_RESERVED, FrameId.of("r"));
    }
  }

  @Test
  void refusesANickTakenInAnotherLetterCase() {
    String nick = Names.nick("taken");
    try (var first = RawClient.login(server.address(), nick);
        var second = RawClient.connect(server.address())) {
      second.sendFrame("hello", "id", "t", "nick", nick.toUpperCase());

      second.expectError(ErrorCode.NICK_TAKEN, FrameId.of("t"));
      first.sendFrame("ping", "id", "holder");
      first.expectPong(FrameId.of("holder"));
    }
  }

  @Test
  void welcomesAHelloOnTheSameConnectionAfterRefusals() {
    String taken = Names.nick("holder");
    String nick = Names.nick("retry");
    try (var holder = RawClient.login(server.address(), taken);
        var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", 1, "nick", "");
      client.expectError(ErrorCode.NICK_INVALID, FrameId.of(1));
      client.sendFrame("hello", "id", 2, "nick", "Admin");
      client.expectError(ErrorCode.NICK_RESERVED, FrameId.of(2));
      client.sendFrame("hello", "id", 3, "nick", taken);
      client.expectError(ErrorCode.NICK_TAKEN, FrameId.of(3));
      client.sendFrame("hello", "id", 4, "nick", nick, "password", "secret123");
      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of(4));

      client.sendFrame("hello", "id", 5, "nick", nick);
      var welcome = client.expect(ServerFrame.Welcome.class);
      assertEquals(FrameId.of(5), welcome.re());
      assertEquals(nick, welcome.nick());
      holder.sendFrame("ping", "id", "holder");
      holder.expectPong(FrameId.of("holder"));
    }
  }

  @Test
  void namesAGuestWhenTheHelloHasNoNick() {
    try (var first = RawClient.connect(server.address());
        var second = RawClient.connect(server.address())) {
      first.sendFrame("hello", "id", "g");
      second.sendFrame("hello");

      var firstWelcome = first.expect(ServerFrame.Welcome.class);
      var secondWelcome = second.expect(ServerFrame.Welcome.class);
      assertEquals(FrameId.of("g"), firstWelcome.re());
      assertTrue(firstWelcome.nick().matches("Guest[1-9][0-9]*"), firstWelcome.nick());
      assertTrue(secondWelcome.nick().matches("Guest[1-9][0-9]*"), secondWelcome.nick());
      assertNotEquals(firstWelcome.nick(), secondWelcome.nick());
    }
  }

  @Test
  void refusesAPasswordForANickThatHasNoAccount() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("hello", "id", "p", "nick", Names.nick("noacct"), "password", "hunter22");

      client.expectError(ErrorCode.AUTH_FAILED, FrameId.of("p"));
    }
  }

  @Test
  void refusesAHelloAfterTheWelcome() {
    String nick = Names.nick("twice");
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("hello", "id", "again", "nick", Names.nick("other"));

      client.expectError(ErrorCode.ALREADY_LOGGED_IN, FrameId.of("again"));
      client.sendFrame("who", "id", "w", "room", "lobby");
      var who = client.expect(ServerFrame.Members.class);
      assertTrue(who.members().contains(nick), "still " + nick + ": " + who.members());
    }
  }

  @Test
  void refusesEveryCommandBeforeTheWelcomeAsNotLoggedIn() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("create", "id", 1, "room", Names.room("early"));
      client.sendFrame("join", "id", 2, "room", "lobby");
      client.sendFrame("leave", "id", 3, "room", "lobby");
      client.sendFrame("say", "id", 4, "room", "lobby", "text", "hi");
      client.sendFrame("topic", "id", 5, "room", "lobby", "topic", "t");
      client.sendFrame("rooms", "id", 6);
      client.sendFrame("who", "id", 7, "room", "lobby");
      client.sendFrame("users", "id", 8);
      client.sendFrame("history", "id", 9, "room", "lobby");

      for (int id = 1; id <= 9; id++) {
        client.expectError(ErrorCode.NOT_LOGGED_IN, FrameId.of(id));
      }
      client.sendFrame("hello", "id", 10, "nick", Names.nick("late"));
      client.expect(ServerFrame.Welcome.class);
    }
  }

  @Test
  void answersAPingBeforeTheWelcome() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("ping", "id", 5);

      client.expectPong(FrameId.of(5));
    }
  }

  @Test
  void answersAQuitBeforeTheWelcomeWithAByeThatCarriesItsIdAsRe() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("quit", "id", 17);

      client.expectBye(DepartureReason.QUIT);
      assertTrue(client.lastLine().contains("\"re\":17"), client.lastLine());
    }
  }

  @Test
  void saysByeToAQuitBeforeTheWelcome() {
    try (var client = RawClient.connect(server.address())) {
      client.sendFrame("quit", "id", "q");

      client.expectBye(DepartureReason.QUIT);
    }
  }
}
