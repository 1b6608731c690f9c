package dev.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IrcMessageTest {

  private static String refusal(String line) {
    return assertThrows(IrcSyntaxException.class, () -> IrcMessage.parse(line)).getMessage();
  }

  @Test
  void parsesTagsSourceCommandAndTrailing() {
    IrcMessage message =
        IrcMessage.parse("@id=234AB;rose :dan!d@localhost PRIVMSG #chan :Hey what's up!");

    assertEquals(Map.of("id", "234AB", "rose", ""), message.tags());
    assertEquals("dan!d@localhost", message.source());
    assertEquals("PRIVMSG", message.command());
    assertEquals(List.of("#chan", "Hey what's up!"), message.params());
  }

  @Test
  void keepsTagsInTheOrderTheyCame() {
    assertEquals(
        List.of("z", "a", "m"), List.copyOf(IrcMessage.parse("@z=1;a=2;m=3 PING").tags().keySet()));
  }

  @Test
  void parsesACommandAloneWithoutTagsSourceOrParams() {
    assertEquals(new IrcMessage(Map.of(), null, "QUIT", List.of()), IrcMessage.parse("QUIT"));
  }

  @Test
  void upperCasesACommandOfLetters() {
    assertEquals("PRIVMSG", IrcMessage.parse("privMsg #chan hi").command());
  }

  @Test
  void readsAThreeDigitNumericAsTheCommand() {
    IrcMessage message = IrcMessage.parse(":irc.example.com 001 dan :Welcome");

    assertEquals("001", message.command());
    assertEquals(List.of("dan", "Welcome"), message.params());
  }

  @ParameterizedTest
  @ValueSource(strings = {"PRIV1MSG", "01", "0001", "PRIV-MSG"})
  void refusesACommandThatIsNeitherLettersNorThreeDigits(String command) {
    assertEquals(
        "a command is made of letters, or is three digits", refusal(command + " #chan :hi"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"@a=b", "@a=b ", ":dan", ":dan  ", "@a :dan "})
  void refusesALineWithoutACommand(String line) {
    refusal(line);
  }

  @Test
  void refusesASourceColonFollowedBySpace() {
    assertEquals("a source follows its ':' without a space", refusal(": PRIVMSG #chan hi"));
  }

  @Test
  void collapsesSeveralSpacesBetweenParams() {
    assertEquals(
        List.of("#foo-bar", "+o", "foobar"),
        IrcMessage.parse(":services MODE   #foo-bar  +o foobar").params());
  }

  @Test
  void toleratesSpacesBeforeAndAfterTheMessage() {
    assertEquals(IrcMessage.of("src", "AWAY"), IrcMessage.parse("  :src AWAY   "));
  }

  @Test
  void keepsSpacesAndColonsInsideTheTrailingParam() {
    assertEquals(List.of("bar", "  lol :) "), IrcMessage.parse("PRIVMSG bar :  lol :) ").params());
  }

  @Test
  void readsAnEmptyTrailingParam() {
    assertEquals(List.of("*", "LIST", ""), IrcMessage.parse("CAP * LIST :").params());
  }

  @Test
  void readsATrailingParamThatStartsWithAColon() {
    assertEquals(List.of("#chan", ":-)"), IrcMessage.parse("PRIVMSG #chan ::-)").params());
  }

  @Test
  void givesATagWithoutValueAndATagWithAnEmptyValueBothTheValueEmpty() {
    assertEquals(Map.of("url", "", "rose", ""), IrcMessage.parse("@url=;rose PING").tags());
  }

  @Test
  void unescapesTagValues() {
    assertEquals(
        Map.of("a", "b\\and\nk", "c", "72 45", "d", "gh;764", "e", "\r"),
        IrcMessage.parse("@a=b\\\\and\\nk;c=72\\s45;d=gh\\:764;e=\\r PING").tags());
  }

  @Test
  void unescapesTagValuesOneCharacterAtATime() {
    assertEquals("value\\ntest", IrcMessage.parse("@t=value\\\\ntest PING").tags().get("t"));
  }

  @Test
  void dropsABackslashBeforeACharacterThatNeedsNoEscapeAndAtTheEnd() {
    assertEquals(
        Map.of("a", "value1", "b", "value2"),
        IrcMessage.parse("@a=value\\1;b=value2\\ PING").tags());
  }

  @Test
  void keepsTheLastValueOfARepeatedTag() {
    assertEquals(
        Map.of("tag1", "5", "tag2", "3", "vendor/tag1", "8"),
        IrcMessage.parse("@tag1=1;tag2=3;tag1=5;vendor/tag1=8 PING").tags());
  }

  @Test
  void takesATagKeyOfAnyCharactersAsAnOpaqueName() {
    assertEquals(
        Map.of("+example.com/ünusual_key", "x"),
        IrcMessage.parse("@+example.com/ünusual_key=x TAGMSG #chan").tags());
  }

  @ParameterizedTest
  @ValueSource(strings = {"@=value PING", "@a;;b PING", "@a; PING", "@ PING"})
  void refusesAnEmptyTagKey(String line) {
    assertEquals("each tag has a name before its '=' and between ';'", refusal(line));
  }

  @Test
  void acceptsFifteenParams() {
    String fifteen = "1 2 3 4 5 6 7 8 9 10 11 12 13 14 :the fifteenth";

    assertEquals(15, IrcMessage.parse("CMD " + fifteen).params().size());
  }

  @Test
  void refusesMoreThanFifteenParams() {
    assertEquals(
        "a message has at most 15 parameters",
        refusal("CMD 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 :sixteen"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"PRIVMSG #chan :a\0b", "PRIVMSG #chan :a\rb", "PRIVMSG #chan :a\nb"})
  void refusesNulCrOrLfInsideALine(String line) {
    assertEquals("a message has no NUL, CR or LF inside it", refusal(line));
  }

  @Test
  void leavesTheSourceNullWhenThereIsNone() {
    assertNull(IrcMessage.parse("PING x").source());
  }

  @Test
  void rendersTheLastParamAsTrailingOnlyWhenItMustBe() {
    assertEquals("CAP * LIST :", IrcMessage.of(null, "CAP", "*", "LIST", "").render());
    assertEquals("PRIVMSG #c :hi there", IrcMessage.of(null, "PRIVMSG", "#c", "hi there").render());
    assertEquals("PRIVMSG #c ::-)", IrcMessage.of(null, "PRIVMSG", "#c", ":-)").render());
    assertEquals("JOIN #c", IrcMessage.of(null, "JOIN", "#c").render());
  }

  @Test
  void rendersTheSourceWithItsColon() {
    assertEquals(
        ":irc.example.com 001 dan :Welcome to Parley",
        IrcMessage.of("irc.example.com", "001", "dan", "Welcome to Parley").render());
  }

  @Test
  void escapesTagValuesAndWritesATagWithoutValueAsItsKeyAlone() {
    IrcMessage message =
        IrcMessage.of(null, "TAGMSG", "#c")
            .withTag("+example", "raw+:=,escaped; \\\r\n")
            .withTag("rose", "");

    assertEquals("@+example=raw+:=,escaped\\:\\s\\\\\\r\\n;rose TAGMSG #c", message.render());
  }

  @Test
  void replacesATagWithTheSameKey() {
    assertEquals(
        Map.of("msgid", "2"),
        IrcMessage.of(null, "PING", "x").withTag("msgid", "1").withTag("msgid", "2").tags());
  }

  @Test
  void upperCasesTheCommandItIsMadeWith() {
    assertEquals("PONG", IrcMessage.of(null, "pong", "x").command());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "two words", ":colon"})
  void refusesAParamBeforeTheLastThatWouldNeedTrailing(String param) {
    assertThrows(
        IllegalArgumentException.class, () -> IrcMessage.of(null, "CMD", param, "last").render());
  }

  @ParameterizedTest
  @ValueSource(strings = {"a\rb", "a\nb", "a\0b"})
  void refusesCrLfOrNulInAnyParam(String param) {
    assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(null, "CMD", param).render());
  }

  @Test
  void refusesMoreThanFifteenParamsToRender() {
    String[] sixteen = new String[16];
    Arrays.fill(sixteen, "p");

    assertThrows(IllegalArgumentException.class, () -> IrcMessage.of(null, "CMD", sixteen));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "a b", "a;b", "a=b"})
  void refusesATagKeyThatCannotBeWritten(String key) {
    assertThrows(
        IllegalArgumentException.class, () -> IrcMessage.of(null, "PING").withTag(key, "v"));
  }

  @Test
  void refusesASourceWithASpace() {
    assertThrows(IllegalArgumentException.class, () -> IrcMessage.of("a b", "PING"));
  }

  @Test
  void keepsTheTagsItIsMadeWithFromChangingUnderIt() {
    var tags = new LinkedHashMap<String, String>();
    tags.put("a", "1");
    IrcMessage message = new IrcMessage(tags, null, "PING", List.of());
    tags.put("b", "2");

    assertEquals(Map.of("a", "1"), message.tags());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "@id=234AB;rose :dan!d@localhost PRIVMSG #chan :Hey what's up!",
        "@+example=raw+:=,escaped\\:\\s\\\\ :irc.example.com NOTICE #channel Message",
        "CAP * LS :multi-prefix sasl",
        "CAP * LIST :",
        "PRIVMSG #chan ::-)",
        ":irc.example.com 433 * dan :Nickname is already in use",
        "QUIT"
      })
  void rendersWhatItParsedAsItWas(String line) {
    assertEquals(line, IrcMessage.parse(line).render());
  }

  @Test
  void parsesWhatItRenderedIntoTheSameMessage() {
    IrcMessage message =
        IrcMessage.of("dan!d@localhost", "PRIVMSG", "#chan", ":; \\ x")
            .withTag("+a", "; \\\r\n=x")
            .withTag("b", "");

    assertEquals(message, IrcMessage.parse(message.render()));
  }
}
