package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Locale;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ProtocolRulesTest {

  @Nested
  class Nicks {

    @Test
    void acceptsANickOfOneLetter() {
      assertTrue(ProtocolRules.isValidNick("a"));
    }

    @Test
    void acceptsANickOfSixteenChars() {
      assertTrue(ProtocolRules.isValidNick("abcdefghij123456"));
    }

    @Test
    void refusesANickOfSeventeenChars() {
      assertFalse(ProtocolRules.isValidNick("abcdefghij1234567"));
    }

    @Test
    void refusesAnEmptyNick() {
      assertFalse(ProtocolRules.isValidNick(""));
    }

    @Test
    void refusesANullNick() {
      assertFalse(ProtocolRules.isValidNick(null));
    }

    @Test
    void acceptsUpperAndLowerCaseAsciiLetters() {
      assertTrue(ProtocolRules.isValidNick("AliceZz"));
    }

    @Test
    void acceptsDigitsAfterTheFirstChar() {
      assertTrue(ProtocolRules.isValidNick("alice2026"));
    }

    @Test
    void acceptsEverySymbolOfTheNickAlphabet() {
      assertTrue(ProtocolRules.isValidNick("_-[]{}\\^|"));
    }

    @Test
    void acceptsANickStartingWithASymbolOtherThanHyphen() {
      assertTrue(ProtocolRules.isValidNick("_x"));
      assertTrue(ProtocolRules.isValidNick("[x]"));
      assertTrue(ProtocolRules.isValidNick("{x}"));
      assertTrue(ProtocolRules.isValidNick("\\x"));
      assertTrue(ProtocolRules.isValidNick("^x"));
      assertTrue(ProtocolRules.isValidNick("|x"));
    }

    @Test
    void refusesANickStartingWithADigit() {
      assertFalse(ProtocolRules.isValidNick("1alice"));
    }

    @Test
    void refusesANickStartingWithAHyphen() {
      assertFalse(ProtocolRules.isValidNick("-alice"));
    }

    @Test
    void refusesANickWithASpace() {
      assertFalse(ProtocolRules.isValidNick("al ice"));
      assertFalse(ProtocolRules.isValidNick(" alice"));
      assertFalse(ProtocolRules.isValidNick("alice "));
    }

    @Test
    void refusesANickEndingInANewline() {
      assertFalse(ProtocolRules.isValidNick("alice\n"));
    }

    @Test
    void refusesNonAsciiLetters() {
      assertFalse(ProtocolRules.isValidNick("Zoë"));
      assertFalse(ProtocolRules.isValidNick("Алиса"));
      assertFalse(ProtocolRules.isValidNick("ａlice"));
    }

    @Test
    void refusesNonAsciiDigitsAfterTheFirstChar() {
      assertFalse(ProtocolRules.isValidNick("alice٣"));
    }

    @Test
    void refusesPunctuationOutsideTheNickAlphabet() {
      for (String nick : new String[] {"a.b", "a@b", "a!b", "a/b", "a'b", "a:b", "a#b", "a,b"}) {
        assertFalse(ProtocolRules.isValidNick(nick), nick);
      }
    }
  }

  @Nested
  class Rooms {

    @Test
    void acceptsARoomOfOneChar() {
      assertTrue(ProtocolRules.isValidRoom("a"));
    }

    @Test
    void acceptsARoomOfThirtyTwoChars() {
      assertTrue(ProtocolRules.isValidRoom("a".repeat(32)));
    }

    @Test
    void refusesARoomOfThirtyThreeChars() {
      assertFalse(ProtocolRules.isValidRoom("a".repeat(33)));
    }

    @Test
    void refusesAnEmptyRoom() {
      assertFalse(ProtocolRules.isValidRoom(""));
    }

    @Test
    void refusesANullRoom() {
      assertFalse(ProtocolRules.isValidRoom(null));
    }

    @Test
    void acceptsLettersDigitsUnderscoreHyphenAndDot() {
      assertTrue(ProtocolRules.isValidRoom("Dev_Team-2026.q4"));
    }

    @Test
    void acceptsARoomStartingWithADigitHyphenOrDot() {
      assertTrue(ProtocolRules.isValidRoom("2026"));
      assertTrue(ProtocolRules.isValidRoom("-offtopic"));
      assertTrue(ProtocolRules.isValidRoom(".hidden"));
    }

    @Test
    void refusesARoomWithASpace() {
      assertFalse(ProtocolRules.isValidRoom("dev team"));
    }

    @Test
    void refusesARoomEndingInANewline() {
      assertFalse(ProtocolRules.isValidRoom("lobby\n"));
    }

    @Test
    void refusesNickSymbolsInARoom() {
      for (String room : new String[] {"[dev]", "{dev}", "dev|ops", "dev^", "dev\\ops"}) {
        assertFalse(ProtocolRules.isValidRoom(room), room);
      }
    }

    @Test
    void refusesANonAsciiRoom() {
      assertFalse(ProtocolRules.isValidRoom("café"));
    }

    @Test
    void refusesOtherPunctuationInARoom() {
      for (String room : new String[] {"#lobby", "a/b", "a@b", "a:b", "a,b"}) {
        assertFalse(ProtocolRules.isValidRoom(room), room);
      }
    }
  }

  @Nested
  class Canonical {

    @Test
    void givesDifferentlyCasedNamesTheSameForm() {
      assertEquals(ProtocolRules.canonical("Alice"), ProtocolRules.canonical("ALICE"));
    }

    @Test
    void lowerCasesAsciiLetters() {
      assertEquals("alice", ProtocolRules.canonical("AlIcE"));
    }

    @Test
    void keepsDigitsAndSymbols() {
      assertEquals("[dev]-1_^|{}\\.", ProtocolRules.canonical("[DEV]-1_^|{}\\."));
    }

    @Test
    void lowerCasesCapitalIToPlainIEvenUnderATurkishDefaultLocale() {
      Locale original = Locale.getDefault();
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      try {
        assertEquals("i", ProtocolRules.canonical("I"));
      } finally {
        Locale.setDefault(original);
      }
    }
  }

  @Nested
  class Text {

    private static final int MAX = 10;

    private Optional<String> problem(String text) {
      return ProtocolRules.textProblem(text, MAX);
    }

    @Test
    void acceptsAPlainText() {
      assertEquals(Optional.empty(), problem("hello"));
    }

    @Test
    void acceptsATextOfOneChar() {
      assertEquals(Optional.empty(), problem("x"));
    }

    @Test
    void refusesAnEmptyText() {
      assertTrue(problem("").isPresent());
    }

    @Test
    void refusesANullText() {
      assertTrue(problem(null).isPresent());
    }

    @Test
    void refusesABlankText() {
      assertTrue(problem("  \n\t ").isPresent());
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "\u00a0",
          "\u2007",
          "\u202f",
          "\u00a0\u00a0 \n\t\u202f",
          "\u3000",
          "\u1680",
          "\u2028",
          "\u2029",
          "\u2003\u200a"
        })
    void refusesATextOfOnlySpacesOfAnyKindNoBreakSpacesIncluded(String text) {
      assertTrue(problem(text).isPresent());
    }

    @Test
    void acceptsATextWithNoBreakSpacesBetweenWords() {
      assertEquals(Optional.empty(), problem("10\u00a0km\u202f!"));
    }

    @Test
    void acceptsATextWithLeadingAndTrailingSpaces() {
      assertEquals(Optional.empty(), problem("  hi  "));
    }

    @Test
    void acceptsATextOfExactlyTheMaximumChars() {
      assertEquals(Optional.empty(), problem("a".repeat(MAX)));
    }

    @Test
    void refusesATextOfOneCharOverTheMaximum() {
      assertTrue(problem("a".repeat(MAX + 1)).isPresent());
    }

    @Test
    void countsAnEmojiAsOneChar() {
      assertEquals(Optional.empty(), problem("😀".repeat(MAX)));
    }

    @Test
    void refusesOneEmojiOverTheMaximum() {
      assertTrue(problem("😀".repeat(MAX + 1)).isPresent());
    }

    @Test
    void acceptsNewlinesAndTabs() {
      assertEquals(Optional.empty(), problem("a\nb\tc"));
    }

    @Test
    void refusesACarriageReturn() {
      assertTrue(problem("a\rb").isPresent());
    }

    @Test
    void refusesANulChar() {
      assertTrue(problem("a\u0000b").isPresent());
    }

    @Test
    void refusesTheEscapeChar() {
      assertTrue(problem("a\u001bb").isPresent());
    }

    @Test
    void refusesTheDeleteChar() {
      assertTrue(problem("a\u007fb").isPresent());
    }

    @Test
    void refusesTheC1NextLineChar() {
      assertTrue(problem("a\u0085b").isPresent());
    }

    @Test
    void refusesAControlCharAfterAnEmoji() {
      assertTrue(problem("😀\u0000").isPresent());
    }

    @Test
    void acceptsASurrogatePair() {
      assertEquals(Optional.empty(), problem("a\uD83D\uDE00b"));
    }

    @Test
    void refusesAnUnpairedHighSurrogate() {
      assertTrue(problem("a\uD83Db").isPresent());
    }

    @Test
    void refusesAHighSurrogateAtTheEnd() {
      assertTrue(problem("ab\uD83D").isPresent());
    }

    @Test
    void refusesAnUnpairedLowSurrogate() {
      assertTrue(problem("a\uDE00b").isPresent());
    }

    @Test
    void refusesASurrogatePairInReverseOrder() {
      assertTrue(problem("a\uDE00\uD83Db").isPresent());
    }
  }
}
