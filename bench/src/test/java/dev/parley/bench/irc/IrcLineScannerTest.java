package dev.parley.bench.irc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.bench.load.LineScanner;
import dev.parley.bench.load.LineScanner.Kind;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class IrcLineScannerTest {

  private final IrcLineScanner scanner = new IrcLineScanner(IrcDialect.CHANNEL_PREFIX);

  @Test
  void readsTheSendTimeAndTheSenderBackFromAPrivmsgOfWhatASenderWrote() {
    var buffer = ByteBuffer.allocate(512);
    new PrivmsgWriter("#room0", 48).write(buffer, 7, 1_234_567_890L);
    String sent = new String(buffer.array(), 0, buffer.position(), StandardCharsets.US_ASCII);
    assertEquals("PRIVMSG #room0 :0000000001234567890 " + "x".repeat(28) + "\r\n", sent);

    // as ngIRCd relays it: the sender's prefix, and the line still ending in \r
    assertEquals(Kind.DELIVERY, scan(":u12!~u12@localhost " + sent.strip() + "\r"));
    assertEquals(1_234_567_890L, scanner.sentAt());
    assertEquals(12, scanner.senderIndex());
  }

  @Test
  void readsAPrivmsgWithMessageTagsAsParleySendsItWithServerTime() {
    assertEquals(
        Kind.DELIVERY,
        scan("@time=2026-12-07T10:00:00.123Z :u3!u3@parley PRIVMSG #room0 :0000000000000000042 x"));
    assertEquals(42, scanner.sentAt());
    assertEquals(3, scanner.senderIndex());
  }

  @Test
  void hasNoSenderForANickThatIsNotTheGenerators() {
    assertEquals(Kind.DELIVERY, scan(":alice!a@host PRIVMSG #room0 :hello"));
    assertEquals(LineScanner.NO_SEND_TIME, scanner.sentAt());
    assertEquals(LineScanner.NO_SENDER, scanner.senderIndex());
    assertEquals(Kind.DELIVERY, scan(":u12x!u@host PRIVMSG #room0 :0000000000000000042 x"));
    assertEquals(LineScanner.NO_SENDER, scanner.senderIndex());
  }

  @Test
  void isWelcomedAtTheEndOfTheMotdOrWithoutOne() {
    assertEquals(Kind.OTHER, scan(":irc.example 001 u0 :Welcome to the Internet Relay Network"));
    assertEquals(Kind.OTHER, scan(":irc.example 375 u0 :- irc.example message of the day"));
    assertEquals(Kind.WELCOME, scan(":irc.example 376 u0 :End of MOTD command"));
    assertEquals(Kind.WELCOME, scan(":irc.example 422 u0 :MOTD file is missing"));
  }

  @Test
  void hasJoinedAtTheEndOfNamesOfOneOfItsChannelsOnly() {
    assertEquals(Kind.OTHER, scan(":u1!~u1@localhost JOIN :#room0"));
    assertEquals(Kind.OTHER, scan(":irc.example 353 u1 = #room0 :u1 @u0"));
    assertEquals(Kind.JOINED, scan(":irc.example 366 u1 #room0 :End of NAMES list"));
    assertEquals(Kind.OTHER, scan(":parley 366 u1 #lobby :End of /NAMES list."));
  }

  @Test
  void answersAPingWithAPongOfTheSameParameters() {
    assertEquals(Kind.PING, scan("PING :irc.example\r"));
    assertArrayEquals(bytes("PONG :irc.example\r\n"), scanner.answer());
    assertEquals(Kind.PING, scan(":parley PING parley"));
    assertArrayEquals(bytes("PONG parley\r\n"), scanner.answer());
    assertEquals(Kind.OTHER, scan(":irc.example PONG irc.example :u0"));
  }

  @Test
  void tellsErrorsAndTheServerClosingTheLink() {
    assertEquals(Kind.ERROR, scan(":irc.example 433 * u0 :Nickname already in use"));
    assertEquals(Kind.ERROR, scan(":irc.example 404 u0 #room0 :Cannot send to channel"));
    assertEquals(Kind.BYE, scan("ERROR :Closing connection"));
    assertEquals(Kind.OTHER, scan(":irc.example NOTICE u0 :*** Looking up your hostname"));
    assertEquals(Kind.OTHER, scan(""));
    assertEquals(Kind.OTHER, scan(":irc.example"));
  }

  private Kind scan(String line) {
    // within a larger buffer, as the reader hands lines over
    byte[] padded = bytes("junk" + line + "junk");
    return scanner.scan(padded, 4, padded.length - 4);
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.US_ASCII);
  }
}
