package dev.parley.server.irc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SaslPlainExchangeTest {

  private final SaslPlainExchange exchange =
      new SaslPlainExchange(SaslPlainExchange.DEFAULT_MAX_RESPONSE_BYTES);

  private static String base64(String response) {
    return Base64.getEncoder().encodeToString(response.getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void decodesCredentialsSentInOneChunk() {
    assertEquals(
        new SaslPlainExchange.Credentials("jilles", "jilles", "sesame"),
        exchange.accept("amlsbGVzAGppbGxlcwBzZXNhbWU="));
  }

  @Test
  void leavesTheAuthorizationIdentityEmptyWhenTheClientGivesNone() {
    assertEquals(
        new SaslPlainExchange.Credentials("", "dan", "pässword"),
        exchange.accept(base64("\0dan\0pässword")));
  }

  @Test
  void joinsChunksOfFourHundredBytes() {
    String password = "p".repeat(500);
    String response = base64("\0dan\0" + password);

    assertEquals(
        SaslPlainExchange.Incomplete.INSTANCE, exchange.accept(response.substring(0, 400)));
    assertEquals(
        new SaslPlainExchange.Credentials("", "dan", password),
        exchange.accept(response.substring(400)));
  }

  @Test
  void endsAResponseOfExactlyFourHundredBytesWithPlus() {
    // 300 bytes, in base64 exactly 400
    String password = "p".repeat(300 - 5);
    String response = base64("\0dan\0" + password);

    assertEquals(SaslPlainExchange.Incomplete.INSTANCE, exchange.accept(response));
    assertEquals(new SaslPlainExchange.Credentials("", "dan", password), exchange.accept("+"));
  }

  @Test
  void abortsOnAnAsteriskEvenBetweenChunks() {
    exchange.accept("A".repeat(400));

    assertEquals(SaslPlainExchange.Aborted.INSTANCE, exchange.accept("*"));
  }

  @Test
  void refusesAChunkOverFourHundredBytes() {
    assertEquals(SaslPlainExchange.TooLong.INSTANCE, exchange.accept("A".repeat(401)));
  }

  @Test
  void refusesAResponseOverItsBound() {
    var small = new SaslPlainExchange(800);
    small.accept("A".repeat(400));
    small.accept("A".repeat(400));

    assertEquals(SaslPlainExchange.TooLong.INSTANCE, small.accept("AAAA"));
  }

  @Test
  void refusesAResponseThatIsNotBase64() {
    assertEquals(
        new SaslPlainExchange.Invalid("the response is not base64"), exchange.accept("not*base64"));
  }

  @Test
  void refusesAResponseThatIsNotUtf8() {
    byte[] response = {0, 'd', 0, (byte) 0xC3, (byte) 0x28};

    assertEquals(
        new SaslPlainExchange.Invalid("the response is not UTF-8"),
        exchange.accept(Base64.getEncoder().encodeToString(response)));
  }

  @Test
  void refusesAResponseWithoutTwoNuls() {
    assertEquals(
        new SaslPlainExchange.Invalid(
            "a PLAIN response is an authorization identity, NUL, a login, NUL and a password"),
        exchange.accept(base64("dan\0secret")));
  }

  @Test
  void refusesAnEmptyResponse() {
    assertEquals(SaslPlainExchange.Invalid.class, exchange.accept("+").getClass());
  }

  @Test
  void refusesAResponseWithoutLogin() {
    assertEquals(
        new SaslPlainExchange.Invalid("a PLAIN response has a login"),
        exchange.accept(base64("\0\0secret")));
  }

  @Test
  void refusesAResponseWithoutPassword() {
    assertEquals(
        new SaslPlainExchange.Invalid("a PLAIN response has a password"),
        exchange.accept(base64("\0dan\0")));
  }

  @Test
  void hidesThePasswordFromToString() {
    String shown = exchange.accept(base64("\0dan\0sesame")).toString();

    assertFalse(shown.contains("sesame"), shown);
  }

  @Test
  void takesNoChunkOnceItHasEnded() {
    exchange.accept("*");

    assertThrows(IllegalStateException.class, () -> exchange.accept("+"));
  }
}
