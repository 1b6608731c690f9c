package dev.parley.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandParserTest {

  private static UserCommand command(String line) {
    return assertInstanceOf(ParsedLine.Ready.class, CommandParser.parse(line)).command();
  }

  private static String hint(String line) {
    return assertInstanceOf(ParsedLine.Rejected.class, CommandParser.parse(line)).hint();
  }

  @Test
  void plainTextIsSaidInTheCurrentRoom() {
    assertEquals(new UserCommand.Say("hello, world"), command("hello, world"));
    assertEquals(new UserCommand.Say("  indented"), command("  indented"));
  }

  @Test
  void aDoubleSlashSendsTextThatStartsWithASlash() {
    assertEquals(new UserCommand.Say("/shrug"), command("//shrug"));
  }

  @Test
  void aBlankLineIsNothing() {
    assertEquals(ParsedLine.Blank.INSTANCE, CommandParser.parse("   "));
    assertEquals(ParsedLine.Blank.INSTANCE, CommandParser.parse(""));
  }

  @Test
  void createTakesARoomAndAnOptionalTopic() {
    assertEquals(new UserCommand.Create("dev", null), command("/create dev"));
    assertEquals(
        new UserCommand.Create("dev", "Developers  talk here"),
        command("/create dev   Developers  talk here "));
    assertTrue(hint("/create").startsWith("usage: /create room [topic]"));
  }

  @Test
  void aLeadingHashIsNotPartOfTheRoomName() {
    assertEquals(new UserCommand.Join("lobby"), command("/join #lobby"));
  }

  @Test
  void joinTakesExactlyOneValidRoom() {
    assertEquals(new UserCommand.Join("Dev.Ops"), command("/join Dev.Ops"));
    assertTrue(hint("/join").startsWith("usage: /join room"));
    assertTrue(hint("/join two rooms").startsWith("usage: /join room"));
    assertTrue(hint("/join bad/name").contains("is not a room name"));
    assertTrue(hint("/join " + "x".repeat(33)).contains("is not a room name"));
  }

  @Test
  void leaveAndWhoDefaultToTheCurrentRoom() {
    assertEquals(new UserCommand.Leave(null), command("/leave"));
    assertEquals(new UserCommand.Leave("dev"), command("/leave dev"));
    assertEquals(new UserCommand.Who(null), command("/who"));
    assertEquals(new UserCommand.Who("dev"), command("/who #dev"));
    assertTrue(hint("/who a b").startsWith("usage: /who [room]"));
  }

  @Test
  void kickTakesARoomANickAndAnOptionalReason() {
    assertEquals(new UserCommand.Kick("dev", "bob", null), command("/kick #dev bob"));
    assertEquals(
        new UserCommand.Kick("dev", "bob", "spam, and  more spam"),
        command("/kick dev  bob   spam, and  more spam "));
    assertTrue(hint("/kick dev").startsWith("usage: /kick room nick [reason]"));
    assertTrue(hint("/kick dev 9bob").contains("is not a nick"));
    assertTrue(hint("/kick bad/room bob").contains("is not a room name"));
  }

  @Test
  void roomsTakesNoArguments() {
    assertEquals(UserCommand.ListRooms.INSTANCE, command("/rooms"));
    assertTrue(hint("/rooms all").startsWith("usage: /rooms"));
  }

  @Test
  void usersTakesAnOptionalNumberOfSeconds() {
    assertEquals(new UserCommand.ListUsers(null), command("/users"));
    assertEquals(new UserCommand.ListUsers(600L), command("/users 600"));
    assertTrue(hint("/users soon").startsWith("usage: /users [seconds]"));
    assertTrue(hint("/users -1").startsWith("usage: /users [seconds]"));
  }

  @Test
  void topicTakesTheRestOfTheLine() {
    assertEquals(
        new UserCommand.SetTopic("Release on Friday"), command("/topic Release on Friday"));
    assertTrue(hint("/topic").startsWith("usage: /topic text"));
  }

  @Test
  void windowTakesAnOptionalWindowNumber() {
    assertEquals(new UserCommand.SwitchWindow(null), command("/window"));
    assertEquals(new UserCommand.SwitchWindow(3), command("/window 3"));
    assertTrue(hint("/window 0").startsWith("usage: /window [n]"));
    assertTrue(hint("/window 2 3").startsWith("usage: /window [n]"));
  }

  @Test
  void historyTakesAnOptionalPositiveCount() {
    assertEquals(new UserCommand.ShowHistory(null), command("/history"));
    assertEquals(new UserCommand.ShowHistory(20), command("/history 20"));
    assertTrue(hint("/history 0").startsWith("usage: /history [n]"));
    assertTrue(hint("/history many").startsWith("usage: /history [n]"));
  }

  @Test
  void msgTakesANickAndTheRestOfTheLine() {
    assertEquals(
        new UserCommand.DirectMessage("bob", "are you  there?"),
        command("/msg bob   are you  there? "));
    assertTrue(hint("/msg bob").startsWith("usage: /msg nick text"));
    assertTrue(hint("/msg").startsWith("usage: /msg nick text"));
    assertEquals(
        "'9lives' is not a nick: a nick has 1 to 16 letters, digits or _-[]{}\\^|, not starting"
            + " with a digit or -",
        hint("/msg 9lives hi"));
    assertTrue(hint("/msg bob ring \u0007").contains("U+0007"));
  }

  @Test
  void blockAndUnblockTakeOneNick() {
    assertEquals(new UserCommand.Block("bob"), command("/block bob"));
    assertEquals(new UserCommand.Unblock("Bob"), command("/unblock Bob"));
    assertTrue(hint("/block").startsWith("usage: /block nick"));
    assertTrue(hint("/unblock bob carol").startsWith("usage: /unblock nick"));
    assertTrue(hint("/block #lobby").contains("is not a nick"));
  }

  @Test
  void awayTakesTheRestOfTheLineAndAloneMeansBack() {
    assertEquals(new UserCommand.Away("out to lunch"), command("/away out to lunch"));
    assertEquals(new UserCommand.Away(null), command("/away"));
    assertTrue(hint("/away ring \u0007").contains("U+0007"));
  }

  @Test
  void registerTakesNoPasswordOnTheLine() {
    assertEquals(new UserCommand.Register(null), command("/register"));
    assertTrue(hint("/register hunter22").contains("never type a password on the line"));
  }

  @Test
  void aRegisterCommandDoesNotPrintItsPassword() {
    assertEquals("Register[password hidden]", new UserCommand.Register("hunter22").toString());
  }

  @Test
  void aNewPasswordHasAtLeastEightChars() {
    assertEquals(
        Optional.of("a password has at least 8 chars"), CommandParser.passwordProblem("seven77"));
    assertEquals(Optional.empty(), CommandParser.passwordProblem("eight888"));
    // chars are code points, as the server counts them
    assertEquals(Optional.empty(), CommandParser.passwordProblem("\uD83D\uDD11".repeat(8)));
    assertTrue(CommandParser.passwordProblem("\uD83D\uDD11".repeat(4)).isPresent());
    assertTrue(CommandParser.passwordProblem("        ").isPresent());
  }

  @Test
  void quitTakesAnOptionalText() {
    assertEquals(new UserCommand.Quit(null), command("/quit"));
    assertEquals(new UserCommand.Quit("see you"), command("/quit see you"));
  }

  @Test
  void helpIsAnsweredByTheClient() {
    assertEquals(UserCommand.Help.INSTANCE, command("/help"));
  }

  @Test
  void commandWordsIgnoreLetterCase() {
    assertEquals(new UserCommand.Join("Dev"), command("/JOIN Dev"));
  }

  @Test
  void anUnknownCommandGetsAHintWithTheCloseOnes() {
    assertEquals(
        "unknown command /jion; did you mean /join? (/help lists the commands)", hint("/jion x"));
    assertEquals("unknown command /xyzzy (/help lists the commands)", hint("/xyzzy bob hi"));
    assertEquals("unknown command / (/help lists the commands)", hint("/"));
  }

  @Test
  void textWithAControlCharacterIsRefusedBeforeItIsSent() {
    assertTrue(hint("ring \u0007 ring").contains("U+0007"));
  }
}
