package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DeclineReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.PeerRole;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Private conversations over the wire: the server introduces two users ({@code private}, {@code
 * private_offer}, {@code private_answer}, {@code private_ready}), ends an offer that is declined,
 * unanswered or left by either side, refuses what blocks forbid, and relays {@code signal} only
 * between the two sides of an accepted offer.
 */
@ExtendWith(LogCapturingExtension.class)
class PrivateConversationsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-private");

  private static final String LOOPBACK = "127.0.0.1";

  /** Alice asks bob (listening on {@code port}); bob's offer frame. */
  private static ServerFrame.PrivateOffer offer(RawClient alice, RawClient bob, String bobNick) {
    alice.sendFrame("private", "id", "o", "to", bobNick, "port", 4001);
    alice.expect(ServerFrame.Ok.class, ok -> FrameId.of("o").equals(ok.re()), "re o");
    return bob.expect(ServerFrame.PrivateOffer.class);
  }

  private static void accept(RawClient bob, String offer, int port) {
    bob.sendFrame("private_answer", "id", "a", "offer", offer, "accept", true, "port", port);
    bob.expect(ServerFrame.Ok.class, ok -> FrameId.of("a").equals(ok.re()), "re a");
  }

  @Test
  void anAcceptedOfferGivesBothTheOthersAddressAndOneToken() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);
      assertEquals(aliceNick, offer.from());

      accept(bob, offer.offer(), 4002);

      var aliceReady = alice.expect(ServerFrame.PrivateReady.class);
      var bobReady = bob.expect(ServerFrame.PrivateReady.class);
      assertEquals(
          List.of(offer.offer(), bobNick, LOOPBACK, 4002, PeerRole.CONNECT),
          List.of(
              aliceReady.offer(),
              aliceReady.nick(),
              aliceReady.host(),
              aliceReady.port(),
              aliceReady.role()));
      assertEquals(
          List.of(offer.offer(), aliceNick, LOOPBACK, 4001, PeerRole.LISTEN),
          List.of(
              bobReady.offer(),
              bobReady.nick(),
              bobReady.host(),
              bobReady.port(),
              bobReady.role()));
      assertEquals(aliceReady.token(), bobReady.token());
      assertTrue(aliceReady.token().length() >= 32, aliceReady.token());
    }
  }

  @Test
  void eachAcceptedOfferHasATokenOfItsOwn() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      accept(bob, offer(alice, bob, bobNick).offer(), 4002);
      String first = alice.expect(ServerFrame.PrivateReady.class).token();
      bob.expect(ServerFrame.PrivateReady.class);

      var second = offer(alice, bob, bobNick);
      accept(bob, second.offer(), 4002);

      assertNotEquals(first, alice.expect(ServerFrame.PrivateReady.class).token());
    }
  }

  @Test
  void anOfferIsAnsweredOnce() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);
      accept(bob, offer.offer(), 4002);

      bob.sendFrame("private_answer", "id", "b", "offer", offer.offer(), "accept", false);

      bob.expect(ServerFrame.PrivateReady.class);
      bob.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("b"));
    }
  }

  @Test
  void aDeclinedOfferTellsTheAskerAndEnds() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);

      bob.sendFrame("private_answer", "id", "d", "offer", offer.offer(), "accept", false);
      bob.expect(ServerFrame.Ok.class);

      var declined = alice.expect(ServerFrame.PrivateDeclined.class);
      assertEquals(
          List.of(offer.offer(), bobNick, DeclineReason.DECLINED),
          List.of(declined.offer(), declined.by(), declined.reason()));
      bob.sendFrame(
          "private_answer", "id", "late", "offer", offer.offer(), "accept", true, "port", 1);
      bob.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("late"));
    }
  }

  @Test
  void onlyTheOneAskedMayAnswer() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick);
        var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      var offer = offer(alice, bob, bobNick);

      carol.sendFrame(
          "private_answer", "id", "c", "offer", offer.offer(), "accept", true, "port", 9);
      carol.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("c"));
      alice.sendFrame(
          "private_answer", "id", "self", "offer", offer.offer(), "accept", true, "port", 9);
      alice.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("self"));
      bob.sendFrame("private_answer", "id", "u", "offer", "p999999", "accept", false);
      bob.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("u"));
    }
  }

  @Test
  void refusesSomeoneOfflineAndOneself() {
    String aliceNick = Names.nick("alice");
    try (var alice = RawClient.login(server.address(), aliceNick)) {
      alice.sendFrame("private", "id", 1, "to", Names.nick("nobody"), "port", 4001);
      alice.expectError(ErrorCode.NO_SUCH_USER, FrameId.of(1));
      alice.sendFrame("private", "id", 2, "to", aliceNick.toUpperCase(), "port", 4001);
      alice.expectError(ErrorCode.SELF, FrameId.of(2));
    }
  }

  @Test
  void anUnansweredOfferTimesOutForBothSides() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);

      var toAlice = alice.expect(ServerFrame.PrivateDeclined.class);
      var toBob = bob.expect(ServerFrame.PrivateDeclined.class);

      assertEquals(
          List.of(offer.offer(), bobNick, DeclineReason.TIMED_OUT),
          List.of(toAlice.offer(), toAlice.by(), toAlice.reason()));
      assertEquals(
          List.of(offer.offer(), aliceNick, DeclineReason.TIMED_OUT),
          List.of(toBob.offer(), toBob.by(), toBob.reason()));
      bob.sendFrame("private_answer", "id", "late", "offer", offer.offer(), "accept", false);
      bob.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("late"));
    }
  }

  @Test
  void anOfferEndsWhenTheAskerGoesOffline() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var bob = RawClient.login(server.address(), bobNick)) {
      ServerFrame.PrivateOffer offer;
      try (var alice = RawClient.login(server.address(), aliceNick)) {
        offer = offer(alice, bob, bobNick);
      }

      var declined = bob.expect(ServerFrame.PrivateDeclined.class);
      assertEquals(
          List.of(offer.offer(), aliceNick, DeclineReason.OFFLINE),
          List.of(declined.offer(), declined.by(), declined.reason()));
      bob.sendFrame(
          "private_answer", "id", "a", "offer", offer.offer(), "accept", true, "port", 4002);
      bob.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("a"));
    }
  }

  @Test
  void anOfferEndsWhenTheOneAskedGoesOffline() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      ServerFrame.PrivateOffer offer;
      try (var bob = RawClient.login(server.address(), bobNick)) {
        offer = offer(alice, bob, bobNick);
      }

      var declined = alice.expect(ServerFrame.PrivateDeclined.class);
      assertEquals(
          List.of(offer.offer(), bobNick, DeclineReason.OFFLINE),
          List.of(declined.offer(), declined.by(), declined.reason()));
    }
  }

  @Test
  void refusesAnOfferToSomeoneWhoBlocksTheAsker() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      bob.sendFrame("block", "nick", aliceNick);
      bob.expect(ServerFrame.Ok.class);

      alice.sendFrame("private", "id", "o", "to", bobNick, "port", 4001);

      alice.expectError(ErrorCode.BLOCKED, FrameId.of("o"));
      bob.sendFrame("ping", "id", "p");
      bob.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void refusesAnOfferToSomeoneTheAskerBlocks() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      alice.sendFrame("block", "nick", bobNick);
      alice.expect(ServerFrame.Ok.class);

      alice.sendFrame("private", "id", "o", "to", bobNick, "port", 4001);

      alice.expectError(ErrorCode.BLOCKED, FrameId.of("o"));
      bob.sendFrame("ping", "id", "p");
      bob.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void relaysSignalsBetweenTheTwoSidesOfAnAcceptedOffer() {
    String aliceNick = Names.nick("alice");
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), aliceNick);
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);
      accept(bob, offer.offer(), 4002);
      alice.expect(ServerFrame.PrivateReady.class);
      bob.expect(ServerFrame.PrivateReady.class);

      alice.sendFrame(
          "signal", "id", "s", "offer", offer.offer(), "payload", Map.of("sdp", "v=0", "n", 1));
      alice.expect(ServerFrame.Ok.class, ok -> FrameId.of("s").equals(ok.re()), "re s");
      var toBob = bob.expect(ServerFrame.Signal.class);
      assertEquals(List.of(aliceNick, offer.offer()), List.of(toBob.from(), toBob.offer()));
      assertEquals("v=0", toBob.payload().get("sdp").textValue());
      assertEquals(1, toBob.payload().get("n").intValue());

      bob.sendFrame("signal", "offer", offer.offer(), "payload", List.of("candidate", 7));
      bob.expect(ServerFrame.Ok.class);
      var toAlice = alice.expect(ServerFrame.Signal.class);
      assertEquals(bobNick, toAlice.from());
      assertEquals(7, toAlice.payload().get(1).intValue());
    }
  }

  @Test
  void relaysNoSignalOfAnOfferNotAcceptedOrNotOnesOwn() {
    String bobNick = Names.nick("bob");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick);
        var carol = RawClient.login(server.address(), Names.nick("carol"))) {
      var offer = offer(alice, bob, bobNick);

      alice.sendFrame("signal", "id", "early", "offer", offer.offer(), "payload", "hi");
      alice.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("early"));

      accept(bob, offer.offer(), 4002);
      bob.expect(ServerFrame.PrivateReady.class);
      carol.sendFrame("signal", "id", "other", "offer", offer.offer(), "payload", "hi");
      carol.expectError(ErrorCode.NO_SUCH_OFFER, FrameId.of("other"));
      bob.sendFrame("ping", "id", "p");
      bob.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void refusesASignalLargerThanTheBoundAndRelaysOneThatFits() {
    String bobNick = Names.nick("bob");
    int most = server.settings().privateConversations().maxSignalBytes();
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      var offer = offer(alice, bob, bobNick);
      accept(bob, offer.offer(), 4002);
      alice.expect(ServerFrame.PrivateReady.class);
      bob.expect(ServerFrame.PrivateReady.class);

      // a JSON string: its quotes count too
      alice.sendFrame(
          "signal", "id", "big", "offer", offer.offer(), "payload", "x".repeat(most - 1));
      var refusal = alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of("big"));
      assertTrue(refusal.message().contains("'payload'"), refusal.message());

      alice.sendFrame(
          "signal", "id", "fits", "offer", offer.offer(), "payload", "x".repeat(most - 2));
      alice.expect(ServerFrame.Ok.class, ok -> FrameId.of("fits").equals(ok.re()), "re fits");
      assertEquals(most - 2, bob.expect(ServerFrame.Signal.class).payload().textValue().length());
    }
  }

  @Test
  void refusesMoreOffersWaitingAtOnceThanTheLimit() {
    String bobNick = Names.nick("bob");
    int most = server.settings().privateConversations().maxOpenOffers();
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), bobNick)) {
      for (int i = 0; i < most; i++) {
        offer(alice, bob, bobNick);
      }

      alice.sendFrame("private", "id", "more", "to", bobNick, "port", 4001);

      var busy = alice.expectError(ErrorCode.SERVER_BUSY, FrameId.of("more"));
      assertTrue(busy.retryAfterS() > 0);
    }
  }

  @Test
  void answersBadRequestsNamingTheField() {
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      alice.sendFrame("private", "id", 1, "to", "bob", "port", 0);
      assertTrue(
          alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(1)).message().contains("'port'"));
      alice.sendFrame("private_answer", "id", 2, "offer", "p1", "accept", true);
      assertTrue(
          alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(2)).message().contains("'port'"));
      alice.sendFrame("signal", "id", 3, "offer", "p1");
      assertTrue(
          alice.expectError(ErrorCode.BAD_REQUEST, FrameId.of(3)).message().contains("'payload'"));
      alice.sendFrame("ping", "id", "p");
      alice.expectPong(FrameId.of("p"));
    }
  }

  @Test
  void tellsAnIrcUserOfAnOfferThatItCannotAnswer() {
    String ircNick = Names.nick("irc");
    String aliceNick = Names.nick("alice");
    try (var irc = IrcTestClient.connect(server.ircAddress()).register(ircNick);
        var alice = RawClient.login(server.address(), aliceNick)) {
      alice.sendFrame("private", "id", "o", "to", ircNick, "port", 4001);
      alice.expect(ServerFrame.Ok.class);

      var notice = irc.expect("NOTICE", line -> line.params().get(1).contains("privately"));
      assertEquals(
          aliceNick + " asks to talk privately; only Parley's console client can",
          notice.params().get(1));
      assertEquals(
          DeclineReason.TIMED_OUT, alice.expect(ServerFrame.PrivateDeclined.class).reason());
    }
  }
}
