package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The frames of private conversations: {@code private}, its answer, {@code signal}, and theirs. */
class PrivateFramesTest {

  private final FrameCodec codec = new FrameCodec();
  private final ObjectMapper json = new ObjectMapper();

  private JsonNode tree(String text) {
    try {
      return json.readTree(text);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private BadFrameException refusal(String line) {
    return assertThrows(BadFrameException.class, () -> codec.decodeClientFrame(line));
  }

  private static void assertBadRequestNaming(String field, BadFrameException refusal) {
    assertEquals(ErrorCode.BAD_REQUEST, refusal.code());
    assertTrue(refusal.getMessage().contains("'" + field + "'"), refusal.getMessage());
  }

  static Stream<ClientFrame> clientFrames() {
    var payload = new ObjectMapper().createObjectNode().put("sdp", "v=0").put("n", 3);
    return Stream.of(
        new ClientFrame.Private(FrameId.of(1), "bob", 40123),
        new ClientFrame.PrivateAnswer(FrameId.of("a"), "p7", true, 5000),
        new ClientFrame.PrivateAnswer(null, "p7", false, null),
        new ClientFrame.Signal(FrameId.of(2), "p7", payload),
        new ClientFrame.Signal(null, "p7", new ObjectMapper().getNodeFactory().textNode("hi")));
  }

  static Stream<ServerFrame> serverFrames() {
    return Stream.of(
        new ServerFrame.PrivateOffer("p1", "alice"),
        new ServerFrame.PrivateDeclined("p1", "bob", DeclineReason.TIMED_OUT),
        new ServerFrame.PrivateReady("p1", "bob", "127.0.0.1", 5000, "t0k3n", PeerRole.CONNECT),
        new ServerFrame.Signal(
            "alice", "p1", new ObjectMapper().createArrayNode().add(1).add("two")));
  }

  @ParameterizedTest
  @MethodSource("clientFrames")
  void decodesAnEncodedClientFrameBackToAnEqualFrame(ClientFrame frame) {
    var line = codec.encode(frame);
    assertEquals(frame, codec.decodeClientFrame(ByteBuffer.wrap(line, 0, line.length - 1)));
  }

  @ParameterizedTest
  @MethodSource("serverFrames")
  void decodesAnEncodedServerFrameBackToAnEqualFrame(ServerFrame frame) {
    var line = new String(codec.encode(frame), StandardCharsets.UTF_8);
    assertEquals(frame, codec.decodeServerFrame(line.substring(0, line.length() - 1)));
  }

  @Test
  void decodesAPrivateRequest() {
    assertEquals(
        new ClientFrame.Private(FrameId.of(3), "bob", 7000),
        codec.decodeClientFrame("{\"type\":\"private\",\"id\":3,\"to\":\"bob\",\"port\":7000}"));
  }

  @Test
  void decodesADeclineWithoutAPort() {
    assertEquals(
        new ClientFrame.PrivateAnswer(null, "p2", false, null),
        codec.decodeClientFrame(
            "{\"type\":\"private_answer\",\"offer\":\"p2\",\"accept\":false,\"port\":\"x\"}"));
  }

  @Test
  void decodesASignalWhosePayloadIsAnyJsonValue() {
    var signal =
        (ClientFrame.Signal)
            codec.decodeClientFrame(
                "{\"type\":\"signal\",\"offer\":\"p2\",\"payload\":{\"candidate\":[1,{\"a\":true}]}}");
    assertEquals(tree("{\"candidate\":[1,{\"a\":true}]}"), signal.payload());
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "65536", "-1", "\"7000\"", "70.5", "null"})
  void refusesAPrivateRequestWithoutAPortNamingIt(String port) {
    assertBadRequestNaming(
        "port", refusal("{\"type\":\"private\",\"to\":\"bob\",\"port\":" + port + "}"));
  }

  @Test
  void refusesAPrivateRequestWithoutTo() {
    assertBadRequestNaming("to", refusal("{\"type\":\"private\",\"port\":7000}"));
  }

  @Test
  void refusesAnAcceptanceWithoutAPort() {
    assertBadRequestNaming(
        "port", refusal("{\"type\":\"private_answer\",\"offer\":\"p2\",\"accept\":true}"));
  }

  @Test
  void refusesAnAnswerThatIsNeitherAcceptNorDecline() {
    assertBadRequestNaming(
        "accept", refusal("{\"type\":\"private_answer\",\"offer\":\"p2\",\"port\":7000}"));
    assertBadRequestNaming(
        "accept",
        refusal("{\"type\":\"private_answer\",\"offer\":\"p2\",\"accept\":\"yes\",\"port\":1}"));
  }

  @Test
  void refusesAnAnswerWithoutAnOffer() {
    assertBadRequestNaming(
        "offer", refusal("{\"type\":\"private_answer\",\"accept\":false,\"id\":9}"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ",\"payload\":null"})
  void refusesASignalWithoutAPayload(String payload) {
    var refusal = refusal("{\"type\":\"signal\",\"id\":4,\"offer\":\"p2\"" + payload + "}");
    assertBadRequestNaming("payload", refusal);
    assertEquals(FrameId.of(4), refusal.re());
  }

  @Test
  void writesPrivateReadyInSnakeCaseWithItsRoleAsAWord() {
    var ready =
        tree(
            new String(
                codec.encode(
                    new ServerFrame.PrivateReady(
                        "p1", "bob", "10.0.0.2", 5000, "secret", PeerRole.LISTEN)),
                StandardCharsets.UTF_8));
    assertEquals(
        tree(
            "{\"type\":\"private_ready\",\"offer\":\"p1\",\"nick\":\"bob\",\"host\":\"10.0.0.2\","
                + "\"port\":5000,\"token\":\"secret\",\"role\":\"listen\"}"),
        ready);
  }

  @Test
  void writesWhyAnOfferEnded() {
    var declined =
        tree(
            new String(
                codec.encode(new ServerFrame.PrivateDeclined("p1", "bob", DeclineReason.OFFLINE)),
                StandardCharsets.UTF_8));
    assertEquals("offline", declined.get("reason").textValue());
  }

  @Test
  void readsARoleOfANewerServerAsUnknown() {
    var ready =
        (ServerFrame.PrivateReady)
            codec.decodeServerFrame(
                "{\"type\":\"private_ready\",\"offer\":\"p1\",\"nick\":\"bob\",\"host\":\"h\","
                    + "\"port\":1,\"token\":\"t\",\"role\":\"relay\"}");
    assertEquals(PeerRole.UNKNOWN, ready.role());
  }

  @Test
  void keepsTheTokenOutOfPrintedFrames() {
    var ready = new ServerFrame.PrivateReady("p1", "bob", "h", 1, "do-not-print", PeerRole.CONNECT);
    assertFalse(ready.toString().contains("do-not-print"), ready.toString());
  }
}
