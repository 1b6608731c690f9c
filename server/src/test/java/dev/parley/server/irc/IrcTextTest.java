package dev.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class IrcTextTest {

  @Test
  void takesOutBoldItalicsUnderlineStrikethroughMonospaceReverseAndReset() {
    assertEquals(
        "bold italic under strike mono reverse reset",
        IrcText.withoutFormatting(
            "\u0002bold\u0002 \u001ditalic\u001d \u001funder\u001f \u001estrike\u001e"
                + " \u0011mono\u0011 \u0016reverse\u0016 reset\u000f"));
  }

  @Test
  void takesOutColourCodesWithTheirForegroundAndBackground() {
    assertEquals("red on black", IrcText.withoutFormatting("\u000304,01red on black\u0003"));
    assertEquals("green", IrcText.withoutFormatting("\u00033green"));
    assertEquals("hex", IrcText.withoutFormatting("\u0004FF0000,00FF00hex\u0004"));
  }

  @Test
  void keepsWhatFollowsAColourCodeButIsNotPartOfIt() {
    // two digits at most: the third is text
    assertEquals("3 apples", IrcText.withoutFormatting("\u0003123 apples"));
    // a comma without a background after it is text
    assertEquals(", then", IrcText.withoutFormatting("\u00034, then"));
    // a comma without a foreground before it is text
    assertEquals(",5 left", IrcText.withoutFormatting("\u0003,5 left"));
  }

  @Test
  void leavesATextWithoutFormattingAsItIs() {
    String text = "plain text, with digits 0304 and commas, and ünïcödé";
    assertEquals(text, IrcText.withoutFormatting(text));
  }

  @Test
  void sendsAShortTextAsItIs() {
    assertEquals(List.of("hello"), IrcText.toIrc("hello", 400));
  }

  @Test
  void sendsEachLineOfATextApartAndLeavesEmptyLinesOut() {
    assertEquals(
        List.of("first", "second", "third"), IrcText.toIrc("first\r\nsecond\n\n   \nthird", 400));
  }

  @Test
  void sendsABlankTextAsASpace() {
    assertEquals(List.of(" "), IrcText.toIrc("\n", 400));
  }

  @Test
  void cutsALongLineAtASpaceNearTheEndOfTheBudget() {
    String text = "word ".repeat(40).strip();

    List<String> pieces = IrcText.toIrc(text, 64);

    for (String piece : pieces) {
      assertTrue(IrcText.utf8Length(piece) <= 64, piece);
      assertFalse(piece.startsWith(" ") || piece.endsWith(" "), "[" + piece + "]");
      assertTrue(piece.matches("word( word)*"), piece);
    }
    assertEquals(text, String.join(" ", pieces));
  }

  @Test
  void cutsALongWordWhereItMust() {
    String word = "x".repeat(100);

    List<String> pieces = IrcText.toIrc(word, 30);

    assertEquals(List.of("x".repeat(30), "x".repeat(30), "x".repeat(30), "x".repeat(10)), pieces);
  }

  @Test
  void neverCutsAUtf8CharacterInTwo() {
    String text = "é".repeat(20);

    List<String> pieces = IrcText.toIrc(text, 17);

    assertEquals(List.of("é".repeat(8), "é".repeat(8), "é".repeat(4)), pieces);
  }

  @Test
  void neverCutsASurrogatePairInTwo() {
    String text = "😀".repeat(10);

    List<String> pieces = IrcText.toIrc(text, 18);

    assertEquals(List.of("😀".repeat(4), "😀".repeat(4), "😀".repeat(2)), pieces);
    assertEquals(text, String.join("", pieces));
  }

  @Test
  void sendsAMeTextAsACtcpAction() {
    assertEquals(List.of("\u0001ACTION waves\u0001"), IrcText.toIrc("/me waves", 400));
  }

  @Test
  void makesEachPieceOfALongActionAnActionWithinTheBudget() {
    String text = "/me " + "dances ".repeat(30).strip();

    List<String> pieces = IrcText.toIrc(text, 60);

    assertTrue(pieces.size() > 1, pieces.toString());
    for (String piece : pieces) {
      assertTrue(IrcText.utf8Length(piece) <= 60, piece);
      assertTrue(piece.startsWith("\u0001ACTION dances") && piece.endsWith("\u0001"), piece);
    }
  }

  @Test
  void readsACtcpActionAsAMeText() {
    assertTrue(IrcText.isCtcp("\u0001ACTION waves\u0001"));
    assertEquals("/me waves", IrcText.fromCtcp("\u0001ACTION waves\u0001"));
    // the closing \1 may be missing
    assertEquals("/me waves", IrcText.fromCtcp("\u0001ACTION waves"));
    assertEquals("/me waves", IrcText.fromCtcp("\u0001ACTION \u0002waves\u0002\u0001"));
  }

  @Test
  void hasNoParleyTextForOtherCtcpRequests() {
    assertNull(IrcText.fromCtcp("\u0001VERSION\u0001"));
    assertNull(IrcText.fromCtcp("\u0001PING 12345\u0001"));
    assertFalse(IrcText.isCtcp("not \u0001 CTCP"));
  }

  @Test
  void countsTheBytesOfUtf8() {
    assertEquals(0, IrcText.utf8Length(""));
    assertEquals(3, IrcText.utf8Length("abc"));
    assertEquals(2, IrcText.utf8Length("é"));
    assertEquals(4, IrcText.utf8Length("😀"));
  }
}
