package dev.parley.client.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The commands of private conversations, as typed. */
class PrivateCommandsTest {

  private static UserCommand command(String line) {
    return assertInstanceOf(ParsedLine.Ready.class, CommandParser.parse(line)).command();
  }

  private static String hint(String line) {
    return assertInstanceOf(ParsedLine.Rejected.class, CommandParser.parse(line)).hint();
  }

  @Test
  void privateAsksOneNick() {
    assertEquals(new UserCommand.PrivateAsk("bob"), command("/private bob"));
    assertTrue(hint("/private").startsWith("usage: /private nick"), hint("/private"));
    assertTrue(hint("/private 9lives").contains("not a nick"), hint("/private 9lives"));
  }

  @Test
  void acceptAndDeclineAnswerTheLatestOfferOrOnesNick() {
    assertEquals(new UserCommand.PrivateAnswer(null, true), command("/accept"));
    assertEquals(new UserCommand.PrivateAnswer("bob", true), command("/accept bob"));
    assertEquals(new UserCommand.PrivateAnswer(null, false), command("/decline"));
    assertEquals(new UserCommand.PrivateAnswer("bob", false), command("/decline bob"));
    assertTrue(hint("/accept bob carol").startsWith("usage: /accept [nick]"));
  }

  @Test
  void pSaysTheRestOfTheLineOverTheDirectLink() {
    assertEquals(new UserCommand.PrivateSay("bob", "hi  there"), command("/p bob hi  there"));
    assertTrue(hint("/p bob").startsWith("usage: /p nick text"));
  }

  @Test
  void psendTakesAPathThatMayHaveSpaces() {
    assertEquals(
        new UserCommand.PrivateSend("bob", "/tmp/my photo.jpg"),
        command("/psend bob /tmp/my photo.jpg"));
    assertTrue(hint("/psend bob").startsWith("usage: /psend nick path"));
  }

  @Test
  void closeEndsTheLinkWithOneNick() {
    assertEquals(new UserCommand.PrivateClose("bob"), command("/close bob"));
    assertTrue(hint("/close").startsWith("usage: /close nick"));
  }

  @Test
  void theirNickIsCompletedAsANick() {
    for (String word : new String[] {"/private", "/accept", "/decline", "/p", "/psend", "/close"}) {
      assertTrue(SlashCommand.byWord(word).orElseThrow().takesNick(), word);
    }
  }
}
