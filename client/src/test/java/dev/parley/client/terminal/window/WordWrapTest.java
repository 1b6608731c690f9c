package dev.parley.client.terminal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStyle;
import org.junit.jupiter.api.Test;

class WordWrapTest {

  private static List<String> wrap(String line) {
    return WordWrap.wrap(new AttributedString(line), 40).stream()
        .map(AttributedString::toString)
        .toList();
  }

  @Test
  void aLongMessageWrapsAtWordsWithTheRestIndentedUnderTheText() {
    assertEquals(
        List.of(
            "[14:03:22] <alice> the quick brown fox",
            "                   jumps over the lazy",
            "                   dog and runs far away",
            "                   again"),
        wrap(
            "[14:03:22] <alice> the quick brown fox jumps over the lazy dog and runs far away"
                + " again"));
  }

  @Test
  void aLineThatFitsStaysAsItIs() {
    assertEquals(List.of("[14:03:22] <alice> hi"), wrap("[14:03:22] <alice> hi"));
  }

  @Test
  void aWordLongerThanALineIsCutWhereTheLineEnds() {
    List<String> lines =
        wrap("[14:03:22] <alice> see https://example.com/a/very/long/path/that/goes/on/and/on");
    assertEquals(
        List.of(
            "[14:03:22] <alice> see",
            "                   https://example.com/a",
            "                   /very/long/path/that/",
            "                   goes/on/and/on"),
        lines);
    lines.forEach(line -> assertTrue(line.length() <= 40, line));
  }

  @Test
  void noPieceOfTheTextStartsAtColumnZero() {
    for (String line :
        List.of(
            "[14:03:22] #lobby <bob> alice: what do you think about the plan for tomorrow?",
            "[14:03:22] *bob* -> alice: a direct message that goes on for a while",
            "[14:03:22] -!- notice: the server restarts at noon, save what you are doing",
            "[14:03:22] -- 5 members: alice, bob, carol, dave, erin (away)")) {
      List<String> lines = wrap(line);
      assertTrue(lines.size() > 1, line);
      for (String continuation : lines.subList(1, lines.size())) {
        assertTrue(continuation.startsWith("     "), continuation);
        assertTrue(continuation.length() <= 40, continuation);
      }
    }
  }

  @Test
  void theFurtherLinesOfAMultiLineTextWrapUnderTheirOwnIndent() {
    assertEquals(
        List.of("                   second line of a text", "                   that goes on"),
        wrap("                   second line of a text that goes on"));
  }

  @Test
  void theColoursStayWithTheirCharacters() {
    var line =
        new AttributedString(
            "[14:03:22] <alice> bold words go on past the edge of the line", AttributedStyle.BOLD);
    List<AttributedString> lines = WordWrap.wrap(line, 40);
    assertEquals(AttributedStyle.BOLD, lines.get(1).styleAt(lines.get(1).length() - 1));
  }
}
