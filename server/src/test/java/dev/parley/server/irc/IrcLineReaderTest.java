package dev.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.server.session.Inbound;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.Test;

class IrcLineReaderTest {

  private final IrcLineReader reader = new IrcLineReader();

  private List<Inbound> read(String... chunks) {
    var arrivals = new ArrayList<Inbound>();
    for (String chunk : chunks) {
      arrivals.addAll(reader.read(ByteString.fromString(chunk)));
    }
    return arrivals;
  }

  private static IrcArrival.Line line(String text) {
    return new IrcArrival.Line(IrcMessage.parse(text));
  }

  @Test
  void readsALineEndedByCrLf() {
    assertEquals(List.of(line("NICK dan")), read("NICK dan\r\n"));
  }

  @Test
  void readsALineEndedByLfAlone() {
    assertEquals(List.of(line("NICK dan")), read("NICK dan\n"));
  }

  @Test
  void readsSeveralLinesFromOneChunk() {
    assertEquals(
        List.of(line("NICK dan"), line("USER d 0 * :Dan")),
        read("NICK dan\r\nUSER d 0 * :Dan\r\n"));
  }

  @Test
  void joinsALineThatArrivesInPieces() {
    assertEquals(List.of(), read("PRIV", "MSG #c :he"));
    assertEquals(List.of(line("PRIVMSG #c :hello")), read("llo\r", "\n"));
  }

  @Test
  void ignoresEmptyAndBlankLines() {
    assertEquals(List.of(line("PING x")), read("\r\n\n   \r\nPING x\r\n"));
  }

  @Test
  void acceptsALineOfFiveHundredTwelveBytesWithItsCrLf() {
    String text = "PRIVMSG #c :" + "x".repeat(510 - 12);

    assertEquals(List.of(line(text)), read(text + "\r\n"));
  }

  @Test
  void reportsALineOverFiveHundredTwelveBytesOnceAndSkipsIt() {
    String text = "PRIVMSG #c :" + "x".repeat(511 - 12);

    assertEquals(
        List.of(IrcArrival.TooLong.INSTANCE, line("PING x")), read(text + "\r\nPING x\r\n"));
  }

  @Test
  void countsACrLfForALineEndedByLfAlone() {
    String text = "PRIVMSG #c :" + "x".repeat(511 - 12);

    assertEquals(List.of(IrcArrival.TooLong.INSTANCE), read(text + "\n"));
  }

  @Test
  void reportsAnEndlessLineOnceAndReadsTheLineAfterIt() {
    var arrivals = new ArrayList<Inbound>();
    arrivals.addAll(read("PRIVMSG #c :"));
    for (int i = 0; i < 1_000; i++) {
      arrivals.addAll(read("x".repeat(1_000)));
    }
    arrivals.addAll(read("x\r\nPING x\r\n"));

    assertEquals(List.of(IrcArrival.TooLong.INSTANCE, line("PING x")), arrivals);
  }

  @Test
  void acceptsLongTagsWithinTheirOwnLimit() {
    // '@', "t=", the value and the space after: 8191 bytes of tags
    String tags = "@t=" + "v".repeat(8191 - 4) + " ";
    String rest = "PRIVMSG #c :" + "x".repeat(510 - 12);

    List<Inbound> arrivals = read(tags + rest + "\r\n");

    assertEquals(List.of(line(tags + rest)), arrivals);
  }

  @Test
  void reportsTagsOverTheirLimit() {
    String tags = "@t=" + "v".repeat(8191 - 3) + " ";

    assertEquals(
        List.of(IrcArrival.TooLong.INSTANCE, line("PING x")),
        read(tags + "TAGMSG #c\r\nPING x\r\n"));
  }

  @Test
  void holdsTheRestOfATaggedLineToFiveHundredTwelveBytes() {
    String rest = "PRIVMSG #c :" + "x".repeat(511 - 12);

    assertEquals(List.of(IrcArrival.TooLong.INSTANCE), read("@t=1 " + rest + "\r\n"));
  }

  @Test
  void reportsInvalidUtf8() {
    var arrivals =
        reader.read(
            ByteString.fromString("PRIVMSG #c :")
                .concat(ByteString.fromArray(new byte[] {(byte) 0xC3, (byte) 0x28}))
                .concat(ByteString.fromString("\r\nPING x\r\n")));

    assertEquals(List.of(IrcArrival.NotUtf8.INSTANCE, line("PING x")), arrivals);
  }

  @Test
  void readsACharacterWhoseBytesArriveInTwoChunks() {
    byte[] euro = "€".getBytes(StandardCharsets.UTF_8);
    reader.read(ByteString.fromString("PRIVMSG #c :").concat(ByteString.fromArray(euro, 0, 1)));

    var arrivals =
        reader.read(ByteString.fromArray(euro, 1, 2).concat(ByteString.fromString("\r\n")));

    assertEquals(List.of(line("PRIVMSG #c :€")), arrivals);
  }

  @Test
  void reportsAMalformedLineWithWhy() {
    assertEquals(
        List.of(new IrcArrival.Malformed("a message has a command after its tags"), line("PING x")),
        read("@a=b\r\nPING x\r\n"));
  }

  @Test
  void takesItsLimitsFromItsConstructor() {
    var small = new IrcLineReader(10, 6);

    assertEquals(
        List.of(
            new IrcArrival.Line(IrcMessage.parse("@a=12 PING 1")),
            IrcArrival.TooLong.INSTANCE,
            IrcArrival.TooLong.INSTANCE),
        small.read(ByteString.fromString("@a=12 PING 1\r\n@a=123 PING 1\r\nPING 12345\r\n")));
  }
}
