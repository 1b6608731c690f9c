package dev.parley.protocol;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.ser.std.StdScalarSerializer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/**
 * The JSON-lines codec of the protocol: one JSON object per line, UTF-8, ended by {@code \n}.
 * Encoded frames include their newline; decoded lines may still end in {@code \r}. Thread-safe.
 */
public final class FrameCodec {

  /** The protocol's default {@code max-frame-bytes}: the longest line, newline included. */
  public static final int DEFAULT_MAX_FRAME_BYTES = 16384;

  private static final DateTimeFormatter TIMESTAMP =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  private static final byte[] RE_FIELD = "\"re\":".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] COMMA_RE_FIELD = ",\"re\":".getBytes(StandardCharsets.US_ASCII);

  private final ObjectMapper mapper;

  /** A codec for lines of at most {@link #DEFAULT_MAX_FRAME_BYTES}. */
  public FrameCodec() {
    this(DEFAULT_MAX_FRAME_BYTES);
  }

  /**
   * A codec for lines of at most {@code maxFrameBytes}: it reads any JSON that fits in one, however
   * deep its nesting or long its numbers, since the line limit already bounds the work.
   */
  public FrameCodec(int maxFrameBytes) {
    var timestamps = new SimpleModule("parley-timestamps");
    timestamps.addSerializer(Instant.class, new TimestampSerializer());
    timestamps.addDeserializer(Instant.class, new TimestampDeserializer());
    var texts = new SimpleModule("parley-texts");
    texts.addSerializer(String.class, new TextSerializer());
    mapper =
        JsonMapper.builder(
                JsonFactory.builder().streamReadConstraints(readConstraints(maxFrameBytes)).build())
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .serializationInclusion(JsonInclude.Include.NON_NULL)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.FAIL_ON_INVALID_SUBTYPE)
            .enable(DeserializationFeature.READ_UNKNOWN_ENUM_VALUES_USING_DEFAULT_VALUE)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonWriteFeature.COMBINE_UNICODE_SURROGATES_IN_UTF8)
            .addModule(timestamps)
            .addModule(texts)
            .build();
  }

  /** Server time as the protocol writes it: RFC 3339 UTC with milliseconds. */
  public static String formatTimestamp(Instant instant) {
    return TIMESTAMP.format(instant);
  }

  public byte[] encode(ServerFrame frame) {
    return encodeLine(frame);
  }

  public byte[] encode(ClientFrame frame) {
    return encodeLine(frame);
  }

  /**
   * The frame {@code encoded} by {@link #encode(ServerFrame)} without a {@code re}, now answering
   * {@code re}: the same bytes as encoding it with that {@code re}, so that a frame encoded once
   * for a room's members can also answer its sender.
   */
  public byte[] answering(byte[] encoded, FrameId re) {
    if (re == null) {
      return encoded;
    }
    byte[] field;
    try {
      field = mapper.writeValueAsBytes(re);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
    // "re" comes right after "type", whose value never holds a comma
    int afterType = indexOf(encoded, (byte) ',') + 1;
    boolean typeOnly = afterType == 0;
    int at = typeOnly ? indexOf(encoded, (byte) '}') : afterType;
    var line = new ByteArrayOutputStream(encoded.length + field.length + 7);
    line.write(encoded, 0, at);
    line.writeBytes(typeOnly ? COMMA_RE_FIELD : RE_FIELD);
    line.writeBytes(field);
    if (!typeOnly) {
      line.write(',');
    }
    line.write(encoded, at, encoded.length - at);
    return line.toByteArray();
  }

  /**
   * Decodes one line from a client, without its {@code \n}.
   *
   * @throws BadFrameException with {@code bad_frame}, {@code unknown_type} or {@code bad_request}
   */
  public ClientFrame decodeClientFrame(ByteBuffer line) {
    String text = strictUtf8(line);
    JsonNode node;
    try {
      node = mapper.readTree(text);
    } catch (JsonProcessingException e) {
      throw new BadFrameException(ErrorCode.BAD_FRAME, "a frame must be one JSON object", null);
    }
    if (node == null || node.isMissingNode()) {
      throw new BadFrameException(ErrorCode.BAD_FRAME, "a frame must be one JSON object", null);
    }
    return ClientFrameDecoder.decode(node);
  }

  public ClientFrame decodeClientFrame(String line) {
    return decodeClientFrame(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * Decodes one line from the server, without its {@code \n}, leniently: unknown fields are
   * ignored, and a frame of a type this version does not know gives {@code null}.
   *
   * @throws IllegalArgumentException when the line is not a server frame at all
   */
  public ServerFrame decodeServerFrame(String line) {
    try {
      return mapper.readValue(stripCarriageReturn(line), ServerFrame.class);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("not a server frame: " + e.getOriginalMessage(), e);
    }
  }

  private byte[] encodeLine(Object frame) {
    try {
      byte[] json = mapper.writeValueAsBytes(frame);
      byte[] line = new byte[json.length + 1];
      System.arraycopy(json, 0, line, 0, json.length);
      line[json.length] = '\n';
      return line;
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int indexOf(byte[] bytes, byte wanted) {
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == wanted) {
        return i;
      }
    }
    return -1;
  }

  private static String strictUtf8(ByteBuffer line) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(line)
              .toString();
      return stripCarriageReturn(text);
    } catch (CharacterCodingException e) {
      throw new BadFrameException(ErrorCode.BAD_FRAME, "a frame must be valid UTF-8", null);
    }
  }

  private static String stripCarriageReturn(String line) {
    return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
  }

  // what fits in a line is never refused: Jackson's defaults allow less nesting and shorter numbers
  private static StreamReadConstraints readConstraints(int maxFrameBytes) {
    var defaults = StreamReadConstraints.defaults();
    return StreamReadConstraints.builder()
        .maxNestingDepth(Math.max(defaults.getMaxNestingDepth(), maxFrameBytes))
        .maxNumberLength(Math.max(defaults.getMaxNumberLength(), maxFrameBytes))
        .maxNameLength(Math.max(defaults.getMaxNameLength(), maxFrameBytes))
        .maxStringLength(Math.max(defaults.getMaxStringLength(), maxFrameBytes))
        .build();
  }

  private static final class TimestampSerializer extends StdScalarSerializer<Instant> {
    private static final long serialVersionUID = 1L;

    private record Formatted(Instant instant, String text) {}

    // the messages a room stores together share their timestamp: it is formatted once for all
    private transient volatile Formatted last;

    TimestampSerializer() {
      super(Instant.class);
    }

    @Override
    public void serialize(Instant value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      Formatted formatted = last;
      if (formatted == null || !formatted.instant().equals(value)) {
        formatted = new Formatted(value, formatTimestamp(value));
        last = formatted;
      }
      generator.writeString(formatted.text());
    }
  }

  /**
   * Strings as Jackson writes them, but for one with an unpaired surrogate, which only a JSON
   * escape brings in: Jackson would join that surrogate and the char after it into one wrong
   * character, so here the surrogate is written as an escape again and the rest as it is.
   */
  private static final class TextSerializer extends StdScalarSerializer<String> {
    private static final long serialVersionUID = 1L;

    TextSerializer() {
      super(String.class);
    }

    @Override
    public void serialize(String value, JsonGenerator generator, SerializerProvider provider)
        throws IOException {
      int unpaired = unpairedSurrogate(value, 0);
      if (unpaired < 0) {
        generator.writeString(value);
        return;
      }
      var quoted = new StringBuilder(value.length() + 16).append('"');
      int from = 0;
      for (; unpaired >= 0; unpaired = unpairedSurrogate(value, from)) {
        JsonStringEncoder.getInstance().quoteAsString(value.substring(from, unpaired), quoted);
        quoted.append(String.format("\\u%04x", (int) value.charAt(unpaired)));
        from = unpaired + 1;
      }
      JsonStringEncoder.getInstance().quoteAsString(value.substring(from), quoted);
      generator.writeRawValue(quoted.append('"').toString());
    }

    private static int unpairedSurrogate(String value, int from) {
      for (int i = from; i < value.length(); i++) {
        char c = value.charAt(i);
        if (Character.isHighSurrogate(c)
            && i + 1 < value.length()
            && Character.isLowSurrogate(value.charAt(i + 1))) {
          i++;
        } else if (Character.isSurrogate(c)) {
          return i;
        }
      }
      return -1;
    }
  }

  private static final class TimestampDeserializer extends StdScalarDeserializer<Instant> {
    private static final long serialVersionUID = 1L;

    TimestampDeserializer() {
      super(Instant.class);
    }

    @Override
    public Instant deserialize(JsonParser parser, DeserializationContext context)
        throws IOException {
      return Instant.parse(parser.getValueAsString());
    }
  }
}
