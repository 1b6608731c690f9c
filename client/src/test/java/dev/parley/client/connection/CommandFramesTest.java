package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CommandFramesTest {

  private static final FrameId ID = FrameId.of(7);

  @Test
  void commandsWithoutARoomNameGoToTheCurrentRoom() {
    assertEquals(
        new ClientFrame.Say(ID, "dev", "hi"),
        CommandFrames.frameFor(ID, new UserCommand.Say("hi"), "dev"));
    assertEquals(
        new ClientFrame.Leave(ID, "dev"),
        CommandFrames.frameFor(ID, new UserCommand.Leave(null), "dev"));
    assertEquals(
        new ClientFrame.Who(ID, "dev"),
        CommandFrames.frameFor(ID, new UserCommand.Who(null), "dev"));
    assertEquals(
        new ClientFrame.Topic(ID, "dev", "Ship it"),
        CommandFrames.frameFor(ID, new UserCommand.SetTopic("Ship it"), "dev"));
    assertEquals(
        new ClientFrame.History(ID, "dev", null, null, 20),
        CommandFrames.frameFor(ID, new UserCommand.ShowHistory(20), "dev"));
  }

  @Test
  void aKickNamesItsRoomWhateverTheCurrentOne() {
    assertEquals(
        new ClientFrame.Kick(ID, "ops", "bob", "spamming"),
        CommandFrames.frameFor(ID, new UserCommand.Kick("ops", "bob", "spamming"), "dev"));
  }

  @Test
  void aNamedRoomWinsOverTheCurrentOne() {
    assertEquals(
        new ClientFrame.Leave(ID, "ops"),
        CommandFrames.frameFor(ID, new UserCommand.Leave("ops"), "dev"));
  }

  @Test
  void withoutACurrentRoomThoseCommandsHaveNoFrame() {
    assertNull(CommandFrames.frameFor(ID, new UserCommand.Say("hi"), null));
    assertNull(CommandFrames.frameFor(ID, new UserCommand.ShowHistory(null), null));
  }

  @Test
  void theOtherCommandsNeedNoRoom() {
    assertEquals(
        new ClientFrame.Create(ID, "dev", "Devs"),
        CommandFrames.frameFor(ID, new UserCommand.Create("dev", "Devs"), null));
    assertEquals(
        new ClientFrame.Rooms(ID),
        CommandFrames.frameFor(ID, UserCommand.ListRooms.INSTANCE, null));
    assertEquals(
        new ClientFrame.Users(ID, 60L),
        CommandFrames.frameFor(ID, new UserCommand.ListUsers(60L), null));
  }

  @Test
  void directMessagesBlocksAndRegisteringNeedNoRoom() {
    assertEquals(
        new ClientFrame.Dm(ID, "bob", "psst"),
        CommandFrames.frameFor(ID, new UserCommand.DirectMessage("bob", "psst"), null));
    assertEquals(
        new ClientFrame.Block(ID, "bob"),
        CommandFrames.frameFor(ID, new UserCommand.Block("bob"), null));
    assertEquals(
        new ClientFrame.Unblock(ID, "bob"),
        CommandFrames.frameFor(ID, new UserCommand.Unblock("bob"), null));
    assertEquals(
        new ClientFrame.Register(ID, "long enough"),
        CommandFrames.frameFor(ID, new UserCommand.Register("long enough"), null));
  }

  @Test
  void answersNameTheFrameTheyAnswerAndEventsNone() {
    assertEquals(
        ID, CommandFrames.answered(new ServerFrame.Error(ID, ErrorCode.NOT_IN_ROOM, "no", null)));
    assertEquals(ID, CommandFrames.answered(new ServerFrame.HistoryEnd(ID, "dev", 0)));
    assertNull(CommandFrames.answered(new ServerFrame.MemberJoined("dev", "bob", Instant.now())));
  }
}
