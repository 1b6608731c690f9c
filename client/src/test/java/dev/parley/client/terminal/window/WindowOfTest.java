package dev.parley.client.terminal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.client.connection.ClientEvent;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class WindowOfTest {

  private static final Instant TS = Instant.parse("2026-12-07T11:00:00Z");
  private static final Conversation LOBBY = new Conversation.Room("lobby");
  private static final Conversation CURRENT = new Conversation.Room("dev");

  private static ServerFrame.Message message(String from, String text) {
    return new ServerFrame.Message(null, "lobby", 1, from, text, TS, null, null);
  }

  @Test
  void whatHappensInARoomGoesToItsWindow() {
    assertEquals(LOBBY, WindowOf.frame(message("bob", "hi"), "alice", CURRENT));
    assertEquals(
        LOBBY, WindowOf.frame(new ServerFrame.MemberJoined("lobby", "bob", TS), "alice", CURRENT));
    assertEquals(
        LOBBY,
        WindowOf.frame(new ServerFrame.Topic(null, "lobby", "t", "bob", TS), "alice", CURRENT));
    assertEquals(
        LOBBY,
        WindowOf.frame(
            new ServerFrame.Joined(null, "lobby", null, List.of("alice"), 0), "alice", CURRENT));
  }

  @Test
  void aDirectMessageGoesToTheWindowOfTheOtherParty() {
    var in = new ServerFrame.Direct(null, "bob", "alice", "psst", TS, null, null, null, null);
    var out =
        new ServerFrame.Direct(FrameId.of("c1"), "alice", "bob", "hi", TS, null, null, null, null);
    assertEquals(new Conversation.Direct("bob"), WindowOf.frame(in, "alice", CURRENT));
    assertEquals(new Conversation.Direct("bob"), WindowOf.frame(out, "alice", CURRENT));
    assertEquals(Activity.HIGHLIGHT, WindowOf.activity(in, "alice"));
    assertEquals(Activity.NONE, WindowOf.activity(out, "alice"));
  }

  @Test
  void aLineNamingTheUserIsAHighlightAndTheirOwnIsNoActivity() {
    assertEquals(Activity.HIGHLIGHT, WindowOf.activity(message("bob", "Alice: lunch?"), "alice"));
    assertEquals(
        Activity.MESSAGE, WindowOf.activity(message("bob", "malice aforethought"), "alice"));
    assertEquals(Activity.NONE, WindowOf.activity(message("alice", "alice here"), "alice"));
    assertEquals(
        Activity.NONE,
        WindowOf.activity(new ServerFrame.MemberJoined("lobby", "bob", TS), "alice"));
  }

  @Test
  void noticesAndTheConnectionGoToTheStatusWindowAnswersToTheCurrentOne() {
    assertEquals(
        Conversation.Status.INSTANCE,
        WindowOf.frame(new ServerFrame.Notice("restart at noon", TS), "alice", CURRENT));
    assertEquals(
        Conversation.Status.INSTANCE,
        WindowOf.event(new ClientEvent.ConnectionLost("reset", Duration.ofSeconds(1)), CURRENT));
    assertEquals(
        CURRENT,
        WindowOf.frame(
            new ServerFrame.Error(FrameId.of("c2"), ErrorCode.NO_SUCH_ROOM, "no room x", null),
            "alice",
            CURRENT));
    assertEquals(
        Conversation.Status.INSTANCE,
        WindowOf.frame(
            new ServerFrame.Error(null, ErrorCode.SERVER_BUSY, "slow down", null),
            "alice",
            CURRENT));
    assertEquals(CURRENT, WindowOf.event(new ClientEvent.NotSent("quitting"), CURRENT));
  }

  @Test
  void leavingARoomShowsInTheCurrentWindowAsItsOwnCloses() {
    assertEquals(CURRENT, WindowOf.frame(new ServerFrame.Left(null, "lobby"), "alice", CURRENT));
    assertEquals(
        CURRENT,
        WindowOf.frame(new ServerFrame.Kicked("lobby", "op", "behave", TS), "alice", CURRENT));
  }
}
