package dev.parley.server.irc;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * One client's SASL PLAIN response (RFC 4616), gathered from the parameters of its AUTHENTICATE
 * commands (IRCv3 sasl-3.1): base64 in chunks of 400 bytes, a chunk of exactly 400 meaning more
 * follows, {@code +} an empty chunk, {@code *} an abort. One exchange an attempt; it ends with the
 * first outcome other than {@link Incomplete}.
 */
public final class SaslPlainExchange {

  /** The length of every chunk of a response but its last. */
  public static final int CHUNK_BYTES = 400;

  /**
   * Room for what RFC 4616 requires a server to accept, in base64: an authorization identity, an
   * authentication identity and a password of 255 bytes each, and their two NULs.
   */
  public static final int DEFAULT_MAX_RESPONSE_BYTES = 1024;

  public sealed interface Outcome permits Incomplete, Aborted, TooLong, Invalid, Credentials {}

  /** More chunks follow. */
  public enum Incomplete implements Outcome {
    INSTANCE
  }

  /** The client sent {@code *}: answered 906 ERR_SASLABORTED. */
  public enum Aborted implements Outcome {
    INSTANCE
  }

  /** A chunk over 400 bytes, or a response over the bound: answered 905 ERR_SASLTOOLONG. */
  public enum TooLong implements Outcome {
    INSTANCE
  }

  /**
   * A response that is not PLAIN's: answered 904 ERR_SASLFAIL; {@code why} is fit for the client.
   */
  public record Invalid(String why) implements Outcome {}

  /**
   * What the client claims, still to be checked: {@code authzid} is empty when it asks to act as no
   * other identity than {@code authcid}.
   */
  public record Credentials(String authzid, String authcid, String password) implements Outcome {
    @Override
    public String toString() {
      return "Credentials[authzid=" + authzid + ", authcid=" + authcid + ", password=<hidden>]";
    }
  }

  private final int maxResponseBytes;
  private final StringBuilder response = new StringBuilder();
  private boolean ended;

  public SaslPlainExchange(int maxResponseBytes) {
    if (maxResponseBytes < 1) {
      throw new IllegalArgumentException("a response may have 1 byte or more: " + maxResponseBytes);
    }
    this.maxResponseBytes = maxResponseBytes;
  }

  /** Takes the parameter of one AUTHENTICATE command. */
  public Outcome accept(String chunk) {
    if (ended) {
      throw new IllegalStateException("this exchange has ended: begin another one");
    }
    Outcome outcome = outcomeOf(chunk);
    if (!(outcome instanceof Incomplete)) {
      ended = true;
      // the password leaves with the outcome, not held here any longer
      response.setLength(0);
    }
    return outcome;
  }

  private Outcome outcomeOf(String chunk) {
    if (chunk.equals("*")) {
      return Aborted.INSTANCE;
    }
    if (chunk.isEmpty()) {
      return new Invalid("an empty chunk is sent as AUTHENTICATE +");
    }
    if (chunk.equals("+")) {
      return decode();
    }
    if (chunk.length() > CHUNK_BYTES) {
      return TooLong.INSTANCE;
    }
    if (response.length() + chunk.length() > maxResponseBytes) {
      return TooLong.INSTANCE;
    }
    response.append(chunk);
    return chunk.length() == CHUNK_BYTES ? Incomplete.INSTANCE : decode();
  }

  private Outcome decode() {
    byte[] message;
    try {
      message = Base64.getDecoder().decode(response.toString());
    } catch (IllegalArgumentException e) {
      return new Invalid("the response is not base64");
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(message))
              .toString();
    } catch (CharacterCodingException e) {
      return new Invalid("the response is not UTF-8");
    }
    String[] fields = text.split("\0", -1);
    if (fields.length != 3) {
      return new Invalid(
          "a PLAIN response is an authorization identity, NUL, a login, NUL and a password");
    }
    if (fields[1].isEmpty()) {
      return new Invalid("a PLAIN response has a login");
    }
    if (fields[2].isEmpty()) {
      return new Invalid("a PLAIN response has a password");
    }
    return new Credentials(fields[0], fields[1], fields[2]);
  }
}
