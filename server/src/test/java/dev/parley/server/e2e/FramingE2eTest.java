package dev.parley.server.e2e;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.HexFormat;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lines that are not frames, or not good ones: each gets its error, the connection stays. */
@ExtendWith(LogCapturingExtension.class)
class FramingE2eTest {

  private static final int MAX_FRAME_BYTES = 16384;

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @Test
  void refusesALineLongerThanTheLimitAndKeepsTheConnection() {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine(paddedPing("long", 3 * MAX_FRAME_BYTES));

      var error = client.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      assertTrue(error.message().contains(String.valueOf(MAX_FRAME_BYTES)), error.message());
      client.sendFrame("ping", "id", 1);
      client.expectPong(FrameId.of(1));
    }
  }

  @Test
  void acceptsALineOfExactlyTheLimitNewlineIncluded() {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine(paddedPing("exact", MAX_FRAME_BYTES - 1));

      client.expectPong(FrameId.of("exact"));
    }
  }

  @Test
  void refusesALineOneByteOverTheLimit() {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine(paddedPing("over", MAX_FRAME_BYTES));

      client.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      client.sendFrame("ping", "id", 2);
      client.expectPong(FrameId.of(2));
    }
  }

  @Test
  void refusesSeveralMegabytesWithoutANewlineOnceAndKeepsTheConnection() {
    byte[] chunk = new byte[64 * 1024];
    Arrays.fill(chunk, (byte) 'x');
    try (var client = RawClient.connect(server.address())) {
      client.sendBytes("{\"type\":\"say\",\"text\":\"".getBytes(UTF_8));
      for (int i = 0; i < 128; i++) {
        client.sendBytes(chunk);
      }
      client.sendBytes("\"}\n".getBytes(UTF_8));
      client.sendFrame("ping", "id", "after");

      client.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      client.expectPong(FrameId.of("after"));
    }
  }

  @Test
  void acceptsCarriageReturnNewlineLineEnds() {
    try (var client = RawClient.connect(server.address())) {
      client.sendBytes("{\"type\":\"ping\",\"id\":\"crlf\"}\r\n".getBytes(UTF_8));

      client.expectPong(FrameId.of("crlf"));
    }
  }

  @Test
  void ignoresFieldsItDoesNotKnow() {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine("{\"type\":\"ping\",\"id\":3,\"colour\":\"blue\",\"nested\":{\"a\":[1,2]}}");

      client.expectPong(FrameId.of(3));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"[]", "{\"a\":}"})
  void ignoresAnUnknownFieldNestedAsDeepAsALineOfTheLimitAllows(String level) {
    String before = "{\"type\":\"ping\",\"id\":\"deep\",\"x\":";
    String open = level.substring(0, level.length() - 1);
    String close = level.substring(level.length() - 1);
    int levels = (MAX_FRAME_BYTES - 1 - before.length() - 2) / level.length();
    String nested = before + open.repeat(levels) + "0" + close.repeat(levels);
    try (var client = RawClient.connect(server.address())) {
      client.sendLine(nested + " ".repeat(MAX_FRAME_BYTES - 1 - nested.length() - 1) + "}");

      client.expectPong(FrameId.of("deep"));
    }
  }

  @ParameterizedTest
  // the second fills a line of exactly the limit, newline included
  @ValueSource(ints = {5000, MAX_FRAME_BYTES - 33})
  void ignoresAnUnknownNumberOfAsManyDigitsAsALineOfTheLimitAllows(int digits) {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine("{\"type\":\"ping\",\"id\":\"long\",\"x\":" + "9".repeat(digits) + "}");

      client.expectPong(FrameId.of("long"));
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{not json",
        "",
        "   ",
        "[1, 2]",
        "42",
        "\"ping\"",
        "null",
        "{\"type\":\"ping\"} {\"type\":\"ping\"}",
        "{\"type\":\"ping\",\"type\":\"ping\"}"
      })
  void refusesALineThatIsNotOneJsonObjectAsBadFrame(String line) {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine(line);

      client.expectError(ErrorCode.BAD_FRAME, null);
      client.sendFrame("ping", "id", "next");
      client.expectPong(FrameId.of("next"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"ff", "c0af", "eda080", "e282", "f8888080"})
  void refusesALineThatIsNotUtf8AsBadFrame(String hexBytes) {
    var line = new ByteArrayOutputStream();
    line.writeBytes("{\"type\":\"ping\",\"id\":\"".getBytes(UTF_8));
    line.writeBytes(HexFormat.of().parseHex(hexBytes));
    line.writeBytes("\"}\n".getBytes(UTF_8));
    try (var client = RawClient.connect(server.address())) {
      client.sendBytes(line.toByteArray());

      client.expectError(ErrorCode.BAD_FRAME, null);
      client.sendFrame("ping", "id", "next");
      client.expectPong(FrameId.of("next"));
    }
  }

  @Test
  void refusesAnUnknownTypeWithTheFramesId() {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine("{\"type\":\"dance\",\"id\":\"u1\"}");
      var error = client.expectError(ErrorCode.UNKNOWN_TYPE, FrameId.of("u1"));
      assertTrue(error.message().contains("dance"), error.message());

      client.sendLine("{\"id\":\"u2\",\"room\":\"lobby\"}");
      client.expectError(ErrorCode.UNKNOWN_TYPE, FrameId.of("u2"));
      client.sendLine("{\"type\":7,\"id\":\"u3\"}");
      client.expectError(ErrorCode.UNKNOWN_TYPE, FrameId.of("u3"));
    }
  }

  @Test
  void refusesAMissingFieldAsBadRequestNamingTheField() {
    try (var client = RawClient.login(server.address(), Names.nick("missing"))) {
      client.sendLine("{\"type\":\"say\",\"id\":3,\"room\":\"lobby\"}");

      var error = client.expectError(ErrorCode.BAD_REQUEST, FrameId.of(3));
      assertTrue(error.message().contains("text"), error.message());
    }
  }

  @Test
  void refusesAFieldOfTheWrongTypeAsBadRequestNamingTheField() {
    try (var client = RawClient.login(server.address(), Names.nick("wrongtype"))) {
      client.sendLine("{\"type\":\"join\",\"id\":\"w\",\"room\":5}");
      var error = client.expectError(ErrorCode.BAD_REQUEST, FrameId.of("w"));
      assertTrue(error.message().contains("room"), error.message());

      client.sendLine("{\"type\":\"users\",\"id\":\"s\",\"since_s\":-1}");
      error = client.expectError(ErrorCode.BAD_REQUEST, FrameId.of("s"));
      assertTrue(error.message().contains("since_s"), error.message());
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"",
        "1.5",
        "{}",
        "[1]",
        "true",
        "99999999999999999999999"
      })
  void refusesAMalformedIdAsBadRequest(String id) {
    try (var client = RawClient.connect(server.address())) {
      client.sendLine("{\"type\":\"ping\",\"id\":" + id + "}");

      var error = client.expectError(ErrorCode.BAD_REQUEST, null);
      assertTrue(error.message().contains("id"), error.message());
    }
  }

  @Test
  void keepsAConnectionThatSentTenBadFrames() {
    try (var client = RawClient.connect(server.address())) {
      for (int i = 0; i < 10; i++) {
        client.sendLine("{bad");
      }
      for (int i = 0; i < 10; i++) {
        client.expectError(ErrorCode.BAD_FRAME, null);
      }

      client.sendFrame("ping", "id", "still");
      client.expectPong(FrameId.of("still"));
    }
  }

  @Test
  void endsAConnectionThatSendsMoreThanTenBadFramesWithProtocolErrors() {
    String room = Names.room("errors");
    String offender = Names.nick("offender");
    try (var watcher = RawClient.login(server.address(), Names.nick("watcher"));
        var client = RawClient.login(server.address(), offender)) {
      Rooms.enter(room, watcher, client);

      client.sendLine("{bad");
      client.sendLine(paddedPing("big", 2 * MAX_FRAME_BYTES));
      client.sendLine("{\"type\":\"dance\"}");
      client.sendLine("{\"type\":\"say\"}");
      for (int i = 0; i < 7; i++) {
        client.sendLine("[]");
      }
      client.expectError(ErrorCode.BAD_FRAME, null);
      client.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      client.expectError(ErrorCode.UNKNOWN_TYPE, null);
      client.expectError(ErrorCode.BAD_REQUEST, null);
      for (int i = 0; i < 7; i++) {
        client.expectError(ErrorCode.BAD_FRAME, null);
      }
      client.expectBye(DepartureReason.PROTOCOL_ERRORS);
      var left = watcher.expect(ServerFrame.MemberLeft.class);
      assertEquals(offender, left.nick());
      assertEquals(DepartureReason.PROTOCOL_ERRORS, left.reason());
    }
  }

  /** A ping with id {@code id}, padded with an unknown field to exactly {@code bytes} bytes. */
  private static String paddedPing(String id, int bytes) {
    String start = "{\"type\":\"ping\",\"id\":\"" + id + "\",\"pad\":\"";
    String end = "\"}";
    return start + "p".repeat(bytes - start.length() - end.length()) + end;
  }
}
