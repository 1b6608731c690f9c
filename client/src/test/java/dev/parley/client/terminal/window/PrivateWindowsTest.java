package dev.parley.client.terminal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.parley.client.connection.ClientEvent;
import dev.parley.client.peer.PeerEvent;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A private conversation has a window of its own, =nick, apart from the DMs with nick. */
class PrivateWindowsTest {

  private static ClientEvent said(String from) {
    return new ClientEvent.Private(new PeerEvent.Said("Bob", from, "hi", Instant.EPOCH));
  }

  @Test
  void whatHappensWithBobShowsInHisPrivateWindow() {
    assertEquals(
        new Conversation.Private("Bob"), WindowOf.event(said("Bob"), Conversation.Status.INSTANCE));
    assertEquals(
        new Conversation.Private("Bob"),
        WindowOf.event(
            new ClientEvent.Private(new PeerEvent.Offered("Bob")), new Conversation.Room("lobby")));
  }

  @Test
  void aStrangerWithoutANickShowsInTheStatusWindow() {
    assertEquals(
        Conversation.Status.INSTANCE,
        WindowOf.event(
            new ClientEvent.Private(new PeerEvent.StrangerTurnedAway(null, "10.0.0.9:4000")),
            new Conversation.Room("lobby")));
  }

  @Test
  void thePrivateWindowIsNotTheDirectMessagesWindow() {
    assertEquals("=Bob", new Conversation.Private("Bob").label());
    assertEquals(new Conversation.Private("bob").key(), new Conversation.Private("BOB").key());
    assertNotEquals(new Conversation.Direct("bob").key(), new Conversation.Private("bob").key());
  }

  @Test
  void bobsWordsAndOffersArePressingOnesOwnAreNot() {
    var window = new Conversation.Private("Bob");
    assertEquals(Activity.HIGHLIGHT, WindowOf.activity(said("Bob"), window));
    assertEquals(Activity.MESSAGE, WindowOf.activity(said("alice"), window));
    assertEquals(
        Activity.HIGHLIGHT,
        WindowOf.activity(new ClientEvent.Private(new PeerEvent.Offered("Bob")), window));
  }
}
