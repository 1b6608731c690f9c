package dev.parley.client.peer;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/**
 * A line two clients send each other on their direct link (docs/private.md): one JSON object with
 * its {@code type}. The connecting side says {@link Hello} first, the listening side answers with
 * its own; then text, and files as an offer, a resume point, chunks and acknowledgements.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
  @JsonSubTypes.Type(value = PeerLine.Hello.class, name = "hello"),
  @JsonSubTypes.Type(value = PeerLine.Text.class, name = "text"),
  @JsonSubTypes.Type(value = PeerLine.FileOffer.class, name = "file"),
  @JsonSubTypes.Type(value = PeerLine.Resume.class, name = "resume"),
  @JsonSubTypes.Type(value = PeerLine.Chunk.class, name = "chunk"),
  @JsonSubTypes.Type(value = PeerLine.Ack.class, name = "ack"),
  @JsonSubTypes.Type(value = PeerLine.Done.class, name = "done"),
  @JsonSubTypes.Type(value = PeerLine.Refuse.class, name = "refuse"),
  @JsonSubTypes.Type(value = PeerLine.Bye.class, name = "bye"),
})
public sealed interface PeerLine {

  /** Who speaks, for which offer, and the proof that it holds the offer's token. */
  record Hello(String offer, String nick, String proof) implements PeerLine {}

  record Text(String text) implements PeerLine {}

  /** A file to come: its id on this link, name, size in bytes and SHA-256 (hex). */
  record FileOffer(String file, String name, long size, String sha256) implements PeerLine {}

  /** The receiver has the file's first {@code offset} bytes already: send on from there. */
  record Resume(String file, long offset) implements PeerLine {}

  /** {@code data}, base64, belongs at {@code offset}. */
  record Chunk(String file, long offset, String data) implements PeerLine {}

  /** The receiver has written the file up to {@code offset}. */
  record Ack(String file, long offset) implements PeerLine {}

  /** The whole file arrived and its SHA-256 matches. */
  record Done(String file) implements PeerLine {}

  /** The transfer of {@code file} is over without the file: {@code reason} says why. */
  record Refuse(String file, String reason) implements PeerLine {}

  /** The sender ends the direct link. */
  record Bye() implements PeerLine {}

  ObjectMapper JSON =
      JsonMapper.builder()
          .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .serializationInclusion(JsonInclude.Include.NON_NULL)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
          .disable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
          .build();

  /** The line, with its newline. */
  static String encode(PeerLine line) {
    try {
      return JSON.writeValueAsString(line) + "\n";
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The line without its newline; null for a type this version does not know.
   *
   * @throws IllegalArgumentException when it is no peer line at all
   */
  static PeerLine decode(String line) {
    try {
      return JSON.readValue(line, PeerLine.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a peer line: " + e.getOriginalMessage(), e);
    }
  }
}
