package dev.parley.protocol;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class FrameCodecTest {

  private static final Instant TS = Instant.parse("2026-11-22T07:34:14.123Z");
  private static final long SMALL_STACK_BYTES = 256 * 1024;

  private final FrameCodec codec = new FrameCodec();
  private final ObjectMapper json = new ObjectMapper();

  static Stream<Arguments> serverFramesWithTheirTypes() {
    return Stream.of(
        Arguments.of(
            new ServerFrame.Welcome(FrameId.of(1), "alice", 1, "parley", "Hi!"), "welcome"),
        Arguments.of(
            new ServerFrame.Joined(
                FrameId.of("j-1"), "lobby", "General chat", List.of("alice", "bob"), 2),
            "joined"),
        Arguments.of(new ServerFrame.MemberJoined("lobby", "bob", TS), "member_joined"),
        Arguments.of(
            new ServerFrame.MemberLeft("lobby", "bob", DepartureReason.SLOW_CONSUMER, TS),
            "member_left"),
        Arguments.of(new ServerFrame.MemberAway("lobby", "bob", "lunch", TS), "member_away"),
        Arguments.of(new ServerFrame.MemberAway("lobby", "bob", null, TS), "member_away"),
        Arguments.of(
            new ServerFrame.MemberLeft(
                "dev", "bob", DepartureReason.KICKED, "alice", "spamming", TS),
            "member_left"),
        Arguments.of(new ServerFrame.Kicked("dev", "alice", "spamming", TS), "kicked"),
        Arguments.of(new ServerFrame.Kicked("dev", "alice", null, TS), "kicked"),
        Arguments.of(
            new ServerFrame.Message(FrameId.of(3), "lobby", 42, "alice", "hi\nthere", TS, true),
            "message"),
        Arguments.of(
            new ServerFrame.Direct(FrameId.of(4), "alice", "bob", "psst", TS, true, true),
            "direct"),
        Arguments.of(
            new ServerFrame.Direct(
                FrameId.of(4), "alice", "bob", "psst", TS, null, null, "lunch", true),
            "direct"),
        Arguments.of(new ServerFrame.Topic(null, "lobby", "New topic", "alice", TS), "topic"),
        Arguments.of(new ServerFrame.Notice("Restart at noon", TS), "notice"),
        Arguments.of(new ServerFrame.Gap("lobby", 10, 20), "gap"),
        Arguments.of(
            new ServerFrame.Error(FrameId.of("x"), ErrorCode.LOCKED_OUT, "try later", 60L),
            "error"),
        Arguments.of(new ServerFrame.Ok(FrameId.of(5)), "ok"),
        Arguments.of(new ServerFrame.Pong(null), "pong"),
        Arguments.of(new ServerFrame.Left(FrameId.of(6), "lobby"), "left"),
        Arguments.of(
            new ServerFrame.Members(FrameId.of(7), "lobby", List.of("alice", "bob")), "members"),
        Arguments.of(
            new ServerFrame.Members(
                FrameId.of(7), "lobby", List.of("alice", "bob"), List.of("bob")),
            "members"),
        Arguments.of(
            new ServerFrame.Users(
                FrameId.of(8),
                List.of(
                    new ServerFrame.UserPresence("alice", true, null),
                    new ServerFrame.UserPresence("bob", false, TS),
                    new ServerFrame.UserPresence("carol", true, TS, "in a meeting"))),
            "users"),
        Arguments.of(
            new ServerFrame.RoomList(
                FrameId.of(9),
                List.of(
                    new ServerFrame.RoomSummary("lobby", 2, "General chat"),
                    new ServerFrame.RoomSummary("dev", 0, null))),
            "room_list"),
        Arguments.of(new ServerFrame.HistoryEnd(FrameId.of(10), "lobby", 3), "history_end"),
        Arguments.of(
            new ServerFrame.Bye(DepartureReason.PROTOCOL_ERRORS, "too many bad frames"), "bye"),
        Arguments.of(new ServerFrame.Bye(FrameId.of("q"), DepartureReason.QUIT, "goodbye"), "bye"));
  }

  static Stream<ServerFrame> serverFrames() {
    return serverFramesWithTheirTypes().map(arguments -> (ServerFrame) arguments.get()[0]);
  }

  static Stream<ClientFrame> clientFrames() {
    return Stream.of(
        new ClientFrame.Hello(FrameId.of(1), "alice", "secret123", "parley-cli/0.1"),
        new ClientFrame.Hello(null, null, null, null),
        new ClientFrame.Hello(FrameId.of(1), "alice", "secret123", null, true),
        new ClientFrame.Register(FrameId.of("r"), "correct horse"),
        new ClientFrame.Create(FrameId.of(2), "dev", "Development"),
        new ClientFrame.Create(null, "dev", null),
        new ClientFrame.Join(FrameId.of(3), "dev"),
        new ClientFrame.Leave(FrameId.of(4), "dev"),
        new ClientFrame.Kick(FrameId.of(4), "dev", "bob", "spamming"),
        new ClientFrame.Kick(null, "dev", "bob", null),
        new ClientFrame.Say(FrameId.of(5), "dev", "hello\nworld 😀"),
        new ClientFrame.Topic(FrameId.of(6), "dev", "New topic"),
        new ClientFrame.Rooms(FrameId.of(7)),
        new ClientFrame.Who(FrameId.of(8), "dev"),
        new ClientFrame.Users(FrameId.of(9), 3600L),
        new ClientFrame.Users(null, null),
        new ClientFrame.History(FrameId.of(10), "dev", 100L, null, 20),
        new ClientFrame.History(null, "dev", null, 5L, null),
        new ClientFrame.History(null, "dev", null, null, null),
        new ClientFrame.Dm(FrameId.of(11), "bob", "hi"),
        new ClientFrame.Block(FrameId.of(12), "bob"),
        new ClientFrame.Unblock(FrameId.of(13), "bob"),
        new ClientFrame.Away(FrameId.of(15), "lunch"),
        new ClientFrame.Away(null, null),
        new ClientFrame.Ping(FrameId.of("p-1")),
        new ClientFrame.Ping(null),
        new ClientFrame.Quit(FrameId.of(14), "bye all"),
        new ClientFrame.Quit(null, null));
  }

  private JsonNode json(ServerFrame frame) throws IOException {
    return json.readTree(codec.encode(frame));
  }

  private static String text(byte[] line) {
    return new String(line, StandardCharsets.UTF_8);
  }

  private static int count(byte[] bytes, byte wanted) {
    int count = 0;
    for (byte b : bytes) {
      if (b == wanted) {
        count++;
      }
    }
    return count;
  }

  private static boolean contains(byte[] bytes, byte[] part) {
    outer:
    for (int i = 0; i + part.length <= bytes.length; i++) {
      for (int j = 0; j < part.length; j++) {
        if (bytes[i + j] != part[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private static byte[] bytes(String before, int[] middle, String after) {
    var out = new ByteArrayOutputStream();
    out.writeBytes(before.getBytes(StandardCharsets.UTF_8));
    for (int b : middle) {
      out.write(b);
    }
    out.writeBytes(after.getBytes(StandardCharsets.UTF_8));
    return out.toByteArray();
  }

  /**
   * A ping with id "deep" and an unknown field of {@code level}s ("[]", or "{\"a\":}" for objects)
   * nested as deep as {@code bytes} allow, padded with spaces to exactly {@code bytes} bytes.
   */
  static String nestedPing(String level, int bytes) {
    var before = "{\"type\":\"ping\",\"id\":\"deep\",\"x\":";
    var open = level.substring(0, level.length() - 1);
    var close = level.substring(level.length() - 1);
    int levels = (bytes - before.length() - 2) / level.length();
    var line = before + open.repeat(levels) + "0" + close.repeat(levels);
    return line + " ".repeat(bytes - line.length() - 1) + "}";
  }

  /** Decodes on a thread with a stack far too small for a parser that recurses per level. */
  static ClientFrame decodeOnASmallStack(FrameCodec codec, String line)
      throws InterruptedException {
    var result = new AtomicReference<Object>();
    var thread =
        new Thread(
            null,
            () -> {
              try {
                result.set(codec.decodeClientFrame(line));
              } catch (RuntimeException | StackOverflowError e) {
                result.set(e);
              }
            },
            "small-stack",
            SMALL_STACK_BYTES);
    thread.start();
    thread.join();
    if (result.get() instanceof Throwable failure) {
      throw new AssertionError("cannot decode " + line.substring(0, 40) + "...", failure);
    }
    return (ClientFrame) result.get();
  }

  private BadFrameException refusal(String line) {
    return assertThrows(BadFrameException.class, () -> codec.decodeClientFrame(line));
  }

  private BadFrameException refusal(byte[] line) {
    return assertThrows(
        BadFrameException.class, () -> codec.decodeClientFrame(ByteBuffer.wrap(line)));
  }

  private static void assertRefused(ErrorCode code, FrameId re, BadFrameException refusal) {
    assertAll(() -> assertEquals(code, refusal.code()), () -> assertEquals(re, refusal.re()));
  }

  private static void assertNames(String field, BadFrameException refusal) {
    assertTrue(
        refusal.getMessage().contains("'" + field + "'"),
        () -> "message should name '" + field + "': " + refusal.getMessage());
  }

  @Nested
  class EncodingServerFrames {

    @Test
    void writesTheTypeFieldFirst() {
      var line =
          codec.encode(new ServerFrame.Message(FrameId.of(1), "lobby", 1, "alice", "hi", TS, null));
      assertTrue(text(line).startsWith("{\"type\":\"message\","), text(line));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("dev.parley.protocol.FrameCodecTest#serverFramesWithTheirTypes")
    void writesEachServerFrameUnderItsProtocolTypeName(ServerFrame frame, String type)
        throws IOException {
      assertEquals(type, json(frame).get("type").textValue());
    }

    @Test
    void writesGapSequenceNumbersInSnakeCase() throws IOException {
      var gap = json(new ServerFrame.Gap("lobby", 10, 20));
      assertAll(
          () -> assertEquals(10, gap.get("from_seq").longValue()),
          () -> assertEquals(20, gap.get("to_seq").longValue()),
          () -> assertFalse(gap.has("fromSeq")));
    }

    @Test
    void writesRetryAfterInSnakeCase() throws IOException {
      var error =
          json(new ServerFrame.Error(FrameId.of(1), ErrorCode.LOCKED_OUT, "try later", 60L));
      assertEquals(60, error.get("retry_after_s").longValue());
    }

    @Test
    void writesLastSeenInSnakeCase() throws IOException {
      var users =
          json(
              new ServerFrame.Users(null, List.of(new ServerFrame.UserPresence("bob", false, TS))));
      assertEquals(
          "2026-11-22T07:34:14.123Z", users.get("users").get(0).get("last_seen").textValue());
    }

    @Test
    void omitsTheAwayListOfMembersWhenNobodyIsAway() throws IOException {
      var members = json(new ServerFrame.Members(null, "lobby", List.of("alice"), List.of()));
      assertFalse(members.has("away"));
    }

    @Test
    void omitsTheAwayMessageOfAMemberWhoIsBack() throws IOException {
      assertFalse(json(new ServerFrame.MemberAway("lobby", "bob", null, TS)).has("away"));
    }

    @Test
    void omitsAnAbsentRe() throws IOException {
      assertFalse(json(new ServerFrame.Topic(null, "lobby", "t", "alice", TS)).has("re"));
    }

    @Test
    void writesTheReOfAByeThatAnswersAQuitRightAfterTheType() {
      var line = codec.encode(new ServerFrame.Bye(FrameId.of("q"), DepartureReason.QUIT, "bye"));
      assertTrue(text(line).startsWith("{\"type\":\"bye\",\"re\":\"q\","), text(line));
    }

    @Test
    void omitsTheReOfAByeThatAnswersNothing() throws IOException {
      assertFalse(json(new ServerFrame.Bye(DepartureReason.KICKED, "behave")).has("re"));
    }

    @Test
    void writesWhoKickedAMemberOutAndWhy() throws IOException {
      var left =
          json(new ServerFrame.MemberLeft("dev", "bob", DepartureReason.KICKED, "alice", "go", TS));
      assertEquals("kicked", left.get("reason").textValue());
      assertEquals("alice", left.get("by").textValue());
      assertEquals("go", left.get("text").textValue());
    }

    @Test
    void omitsTheAbsentByAndTextOfADeparture() throws IOException {
      var left = json(new ServerFrame.MemberLeft("dev", "bob", DepartureReason.LEFT, TS));
      assertFalse(left.has("by"));
      assertFalse(left.has("text"));
    }

    @Test
    void omitsTheAbsentTextOfAKick() throws IOException {
      var kicked = json(new ServerFrame.Kicked("dev", "alice", null, TS));
      assertEquals("alice", kicked.get("by").textValue());
      assertFalse(kicked.has("text"));
      assertFalse(kicked.has("re"));
    }

    @Test
    void omitsReplayOnALiveMessage() throws IOException {
      var message = json(new ServerFrame.Message(null, "lobby", 1, "alice", "hi", TS, null));
      assertFalse(message.has("replay"));
    }

    @Test
    void omitsAnAbsentRetryAfter() throws IOException {
      var error = json(new ServerFrame.Error(FrameId.of(1), ErrorCode.NICK_TAKEN, "taken", null));
      assertFalse(error.has("retry_after_s"));
    }

    @Test
    void omitsAnAbsentTopicOfARoom() throws IOException {
      var rooms =
          json(
              new ServerFrame.RoomList(null, List.of(new ServerFrame.RoomSummary("dev", 0, null))));
      assertFalse(rooms.get("rooms").get(0).has("topic"));
    }

    @Test
    void writesTheTimestampInUtcWithMilliseconds() throws IOException {
      assertEquals(
          "2026-11-22T07:34:14.123Z", json(new ServerFrame.Notice("hi", TS)).get("ts").textValue());
    }

    @Test
    void writesThreeFractionalDigitsWhenTheInstantHasNoMillis() throws IOException {
      var notice = new ServerFrame.Notice("hi", Instant.parse("2026-11-22T07:34:14Z"));
      assertEquals("2026-11-22T07:34:14.000Z", json(notice).get("ts").textValue());
    }

    @Test
    void writesThreeFractionalDigitsForAWholeTenthOfASecond() throws IOException {
      var notice = new ServerFrame.Notice("hi", Instant.parse("2026-11-22T07:34:14.100Z"));
      assertEquals("2026-11-22T07:34:14.100Z", json(notice).get("ts").textValue());
    }

    @Test
    void writesEachFramesOwnTimestampWhetherItRepeatsTheLastOrNot() throws IOException {
      var later = TS.plusMillis(1);
      for (Instant ts : List.of(TS, TS, later, TS, later.plusSeconds(60))) {
        assertEquals(
            FrameCodec.formatTimestamp(ts),
            json(new ServerFrame.Notice("hi", ts)).get("ts").textValue());
      }
      assertEquals(
          "2026-11-22T07:35:14.124Z",
          json(new ServerFrame.Notice("hi", later.plusSeconds(60))).get("ts").textValue());
    }

    @Test
    void dropsPrecisionBelowAMillisecond() throws IOException {
      var notice = new ServerFrame.Notice("hi", Instant.parse("2026-11-22T07:34:14.123999999Z"));
      assertEquals("2026-11-22T07:34:14.123Z", json(notice).get("ts").textValue());
    }

    @Test
    void endsTheLineWithASingleNewline() {
      var line = codec.encode(new ServerFrame.Pong(FrameId.of(1)));
      assertAll(
          () -> assertEquals('\n', line[line.length - 1]),
          () -> assertEquals(1, count(line, (byte) '\n')),
          () -> assertEquals(0, count(line, (byte) '\r')));
    }

    @Test
    void keepsANewlineInTheTextEscapedSoTheFrameStaysOneLine() throws IOException {
      var frame = new ServerFrame.Message(null, "lobby", 1, "alice", "one\ntwo\r\nthree", TS, null);
      var line = codec.encode(frame);
      assertAll(
          () -> assertEquals(1, count(line, (byte) '\n')),
          () -> assertEquals(0, count(line, (byte) '\r')),
          () -> assertEquals("one\ntwo\r\nthree", json.readTree(line).get("text").textValue()));
    }

    @Test
    void writesAStringReAsAString() throws IOException {
      var re = json(new ServerFrame.Ok(FrameId.of("42"))).get("re");
      assertTrue(re.isTextual(), re::toString);
      assertEquals("42", re.textValue());
    }

    @Test
    void writesAnIntegerReAsAnInteger() throws IOException {
      var re = json(new ServerFrame.Ok(FrameId.of(42))).get("re");
      assertTrue(re.isIntegralNumber(), re::toString);
      assertEquals(42, re.longValue());
    }

    @Test
    void writesTheLargestIntegerReExactly() throws IOException {
      var re = json(new ServerFrame.Ok(FrameId.of(Long.MAX_VALUE))).get("re");
      assertEquals(Long.MAX_VALUE, re.longValue());
    }

    @Test
    void writesErrorCodesInSnakeCase() throws IOException {
      var error = new ServerFrame.Error(null, ErrorCode.ALREADY_LOGGED_IN, "again?", null);
      assertEquals("already_logged_in", json(error).get("code").textValue());
    }

    @Test
    void writesDepartureReasonsInSnakeCase() throws IOException {
      var bye = new ServerFrame.Bye(DepartureReason.PROTOCOL_ERRORS, null);
      assertEquals("protocol_errors", json(bye).get("reason").textValue());
    }

    @Test
    void writesNonAsciiTextAsUtf8() {
      var line = codec.encode(new ServerFrame.Notice("Zoë", TS));
      assertTrue(contains(line, "Zoë".getBytes(StandardCharsets.UTF_8)), text(line));
    }

    @Test
    void writesCharactersOutsideTheBasicPlaneAsFourByteUtf8() {
      var line = codec.encode(new ClientFrame.Say(null, "lobby", "😀"));
      assertTrue(contains(line, "😀".getBytes(StandardCharsets.UTF_8)), text(line));
    }
  }

  @Nested
  class EncodingClientFrames {

    @Test
    void writesOnlyTheTypeOfAFrameWithoutFields() {
      assertEquals(
          "{\"type\":\"hello\"}\n",
          text(codec.encode(new ClientFrame.Hello(null, null, null, null))));
    }

    @Test
    void writesHistoryFieldsInSnakeCase() throws IOException {
      var history =
          json.readTree(codec.encode(new ClientFrame.History(null, "dev", 100L, null, 20)));
      assertAll(
          () -> assertEquals(100, history.get("before_seq").longValue()),
          () -> assertFalse(history.has("after_seq")),
          () -> assertEquals(20, history.get("limit").intValue()));
    }

    @Test
    void writesSinceInSnakeCase() throws IOException {
      var users = json.readTree(codec.encode(new ClientFrame.Users(null, 60L)));
      assertEquals(60, users.get("since_s").longValue());
    }

    @Test
    void writesTheIdAsGiven() throws IOException {
      assertAll(
          () ->
              assertTrue(
                  json.readTree(codec.encode(new ClientFrame.Ping(FrameId.of("7"))))
                      .get("id")
                      .isTextual()),
          () ->
              assertTrue(
                  json.readTree(codec.encode(new ClientFrame.Ping(FrameId.of(7))))
                      .get("id")
                      .isIntegralNumber()));
    }

    @Test
    void endsTheLineWithASingleNewline() {
      var line = codec.encode(new ClientFrame.Say(null, "lobby", "a\nb"));
      assertAll(
          () -> assertEquals('\n', line[line.length - 1]),
          () -> assertEquals(1, count(line, (byte) '\n')));
    }
  }

  @Nested
  class DecodingClientFrames {

    @Test
    void decodesAHello() {
      assertEquals(
          new ClientFrame.Hello(FrameId.of(1), "alice", "secret123", "parley-cli/0.1"),
          codec.decodeClientFrame(
              "{\"type\":\"hello\",\"id\":1,\"nick\":\"alice\",\"password\":\"secret123\","
                  + "\"client\":\"parley-cli/0.1\"}"));
    }

    @Test
    void decodesAHelloThatTakesTheNickOver() {
      var hello =
          codec.decodeClientFrame(
              "{\"type\":\"hello\",\"nick\":\"alice\",\"password\":\"secret123\","
                  + "\"take_over\":true}");
      assertEquals(new ClientFrame.Hello(null, "alice", "secret123", null, true), hello);
      assertTrue(((ClientFrame.Hello) hello).takesOver());
    }

    @Test
    void readsAHelloWithoutTakeOverAsOneThatLeavesTheNickAlone() {
      var hello = (ClientFrame.Hello) codec.decodeClientFrame("{\"type\":\"hello\"}");
      assertFalse(hello.takesOver());
    }

    @Test
    void refusesATakeOverThatIsNoBooleanAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"hello\",\"id\":1,\"take_over\":\"yes\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(1), refusal);
      assertNames("take_over", refusal);
    }

    @Test
    void decodesAHelloWithoutANick() {
      assertEquals(
          new ClientFrame.Hello(null, null, null, null),
          codec.decodeClientFrame("{\"type\":\"hello\"}"));
    }

    @Test
    void decodesAHelloWithAnEmptyNickForTheServerToRefuse() {
      assertEquals(
          new ClientFrame.Hello(null, "", null, null),
          codec.decodeClientFrame("{\"type\":\"hello\",\"nick\":\"\"}"));
    }

    @Test
    void decodesARegister() {
      assertEquals(
          new ClientFrame.Register(FrameId.of(2), "correct horse"),
          codec.decodeClientFrame(
              "{\"type\":\"register\",\"id\":2,\"password\":\"correct horse\"}"));
    }

    @Test
    void acceptsARegisterPasswordOfExactlyEightChars() {
      assertEquals(
          new ClientFrame.Register(null, "12345678"),
          codec.decodeClientFrame("{\"type\":\"register\",\"password\":\"12345678\"}"));
    }

    @Test
    void countsARegisterPasswordInCodePoints() {
      assertEquals(
          new ClientFrame.Register(null, "🔑🔑🔑🔑🔑🔑🔑🔑"),
          codec.decodeClientFrame("{\"type\":\"register\",\"password\":\"🔑🔑🔑🔑🔑🔑🔑🔑\"}"));
    }

    @Test
    void decodesACreateWithATopic() {
      assertEquals(
          new ClientFrame.Create(FrameId.of(3), "dev", "Development"),
          codec.decodeClientFrame(
              "{\"type\":\"create\",\"id\":3,\"room\":\"dev\",\"topic\":\"Development\"}"));
    }

    @Test
    void decodesACreateWithoutATopic() {
      assertEquals(
          new ClientFrame.Create(null, "dev", null),
          codec.decodeClientFrame("{\"type\":\"create\",\"room\":\"dev\"}"));
    }

    @Test
    void readsAFieldThatIsNullAsAbsent() {
      assertEquals(
          new ClientFrame.Create(null, "dev", null),
          codec.decodeClientFrame("{\"type\":\"create\",\"room\":\"dev\",\"topic\":null}"));
    }

    @Test
    void decodesAJoin() {
      assertEquals(
          new ClientFrame.Join(FrameId.of(4), "dev"),
          codec.decodeClientFrame("{\"type\":\"join\",\"id\":4,\"room\":\"dev\"}"));
    }

    @Test
    void decodesALeave() {
      assertEquals(
          new ClientFrame.Leave(FrameId.of(5), "dev"),
          codec.decodeClientFrame("{\"type\":\"leave\",\"id\":5,\"room\":\"dev\"}"));
    }

    @Test
    void decodesAnAwayWithItsMessage() {
      var away =
          (ClientFrame.Away) codec.decodeClientFrame("{\"type\":\"away\",\"text\":\"lunch\"}");
      assertEquals("lunch", away.text());
      assertFalse(away.meansBack());
    }

    @Test
    void decodesAnAwayWithoutTextOrWithAnEmptyOneAsBack() {
      assertTrue(((ClientFrame.Away) codec.decodeClientFrame("{\"type\":\"away\"}")).meansBack());
      assertTrue(
          ((ClientFrame.Away) codec.decodeClientFrame("{\"type\":\"away\",\"text\":\"\"}"))
              .meansBack());
    }

    @Test
    void decodesAKickWithItsReason() {
      assertEquals(
          new ClientFrame.Kick(FrameId.of(5), "dev", "bob", "spamming"),
          codec.decodeClientFrame(
              "{\"type\":\"kick\",\"id\":5,\"room\":\"dev\",\"nick\":\"bob\","
                  + "\"text\":\"spamming\"}"));
    }

    @Test
    void decodesAKickWithoutAReason() {
      assertEquals(
          new ClientFrame.Kick(null, "dev", "bob", null),
          codec.decodeClientFrame("{\"type\":\"kick\",\"room\":\"dev\",\"nick\":\"bob\"}"));
    }

    @Test
    void decodesANoticeAndTakesAFalseOneAsAPlainSay() {
      assertEquals(
          new ClientFrame.Say(null, "dev", "hi", true),
          codec.decodeClientFrame(
              "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\",\"notice\":true}"));
      assertEquals(
          new ClientFrame.Say(null, "dev", "hi"),
          codec.decodeClientFrame(
              "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\",\"notice\":false}"));
      assertEquals(
          new ClientFrame.Dm(null, "bob", "hi", true),
          codec.decodeClientFrame(
              "{\"type\":\"dm\",\"to\":\"bob\",\"text\":\"hi\",\"notice\":true}"));
    }

    @Test
    void decodesASay() {
      assertEquals(
          new ClientFrame.Say(FrameId.of(6), "dev", "hello\nworld"),
          codec.decodeClientFrame(
              "{\"type\":\"say\",\"id\":6,\"room\":\"dev\",\"text\":\"hello\\nworld\"}"));
    }

    @Test
    void decodesATopic() {
      assertEquals(
          new ClientFrame.Topic(FrameId.of(7), "dev", "New topic"),
          codec.decodeClientFrame(
              "{\"type\":\"topic\",\"id\":7,\"room\":\"dev\",\"topic\":\"New topic\"}"));
    }

    @Test
    void decodesARooms() {
      assertEquals(
          new ClientFrame.Rooms(FrameId.of(8)),
          codec.decodeClientFrame("{\"type\":\"rooms\",\"id\":8}"));
    }

    @Test
    void decodesAWho() {
      assertEquals(
          new ClientFrame.Who(FrameId.of(9), "dev"),
          codec.decodeClientFrame("{\"type\":\"who\",\"id\":9,\"room\":\"dev\"}"));
    }

    @Test
    void decodesAUsersWithSince() {
      assertEquals(
          new ClientFrame.Users(FrameId.of(10), 3600L),
          codec.decodeClientFrame("{\"type\":\"users\",\"id\":10,\"since_s\":3600}"));
    }

    @Test
    void decodesAUsersWithoutSince() {
      assertEquals(
          new ClientFrame.Users(null, null), codec.decodeClientFrame("{\"type\":\"users\"}"));
    }

    @Test
    void acceptsASinceOfZero() {
      assertEquals(
          new ClientFrame.Users(null, 0L),
          codec.decodeClientFrame("{\"type\":\"users\",\"since_s\":0}"));
    }

    @Test
    void decodesAHistoryBeforeASeq() {
      assertEquals(
          new ClientFrame.History(FrameId.of(11), "dev", 100L, null, 20),
          codec.decodeClientFrame(
              "{\"type\":\"history\",\"id\":11,\"room\":\"dev\",\"before_seq\":100,"
                  + "\"limit\":20}"));
    }

    @Test
    void decodesAHistoryAfterASeq() {
      assertEquals(
          new ClientFrame.History(null, "dev", null, 5L, null),
          codec.decodeClientFrame("{\"type\":\"history\",\"room\":\"dev\",\"after_seq\":5}"));
    }

    @Test
    void decodesAHistoryOfTheLatestMessages() {
      assertEquals(
          new ClientFrame.History(null, "dev", null, null, null),
          codec.decodeClientFrame("{\"type\":\"history\",\"room\":\"dev\"}"));
    }

    @Test
    void leavesALimitAbove500ForTheServerToCap() {
      assertEquals(
          new ClientFrame.History(null, "dev", null, null, 501),
          codec.decodeClientFrame("{\"type\":\"history\",\"room\":\"dev\",\"limit\":501}"));
    }

    @Test
    void keepsALimitBeyondTheLongRangePositive() {
      assertEquals(
          new ClientFrame.History(null, "dev", null, null, Integer.MAX_VALUE),
          codec.decodeClientFrame(
              "{\"type\":\"history\",\"room\":\"dev\",\"limit\":99999999999999999999999}"));
    }

    @Test
    void keepsALimitBeyondTheIntRangePositive() {
      assertEquals(
          new ClientFrame.History(null, "dev", null, null, Integer.MAX_VALUE),
          codec.decodeClientFrame("{\"type\":\"history\",\"room\":\"dev\",\"limit\":5000000000}"));
    }

    @Test
    void decodesADm() {
      assertEquals(
          new ClientFrame.Dm(FrameId.of(12), "bob", "psst"),
          codec.decodeClientFrame("{\"type\":\"dm\",\"id\":12,\"to\":\"bob\",\"text\":\"psst\"}"));
    }

    @Test
    void decodesABlock() {
      assertEquals(
          new ClientFrame.Block(FrameId.of(13), "bob"),
          codec.decodeClientFrame("{\"type\":\"block\",\"id\":13,\"nick\":\"bob\"}"));
    }

    @Test
    void decodesAnUnblock() {
      assertEquals(
          new ClientFrame.Unblock(FrameId.of(14), "bob"),
          codec.decodeClientFrame("{\"type\":\"unblock\",\"id\":14,\"nick\":\"bob\"}"));
    }

    @Test
    void decodesAPing() {
      assertEquals(
          new ClientFrame.Ping(FrameId.of(15)),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":15}"));
    }

    @Test
    void decodesAQuitWithAText() {
      assertEquals(
          new ClientFrame.Quit(FrameId.of(16), "bye all"),
          codec.decodeClientFrame("{\"type\":\"quit\",\"id\":16,\"text\":\"bye all\"}"));
    }

    @Test
    void decodesAQuitWithoutAText() {
      assertEquals(
          new ClientFrame.Quit(null, null), codec.decodeClientFrame("{\"type\":\"quit\"}"));
    }

    @Test
    void decodesAStringId() {
      assertEquals(
          new ClientFrame.Ping(FrameId.of("a-1")),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":\"a-1\"}"));
    }

    @Test
    void keepsAStringIdOfDigitsAString() {
      assertEquals(
          new ClientFrame.Ping(FrameId.of("15")),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":\"15\"}"));
    }

    @Test
    void acceptsAnIdOfSixtyFourChars() {
      var id = "x".repeat(64);
      assertEquals(
          new ClientFrame.Ping(FrameId.of(id)),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":\"" + id + "\"}"));
    }

    @Test
    void acceptsAnIdOfSixtyFourCharsOutsideTheBasicPlane() {
      var id = "😀".repeat(64);
      var frame = codec.decodeClientFrame("{\"type\":\"ping\",\"id\":\"" + id + "\"}");
      assertEquals(id, frame.id().value());
    }

    @Test
    void acceptsANegativeIntegerId() {
      assertEquals(
          new ClientFrame.Ping(FrameId.of(-3)),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":-3}"));
    }

    @Test
    void readsAnIdThatIsNullAsAbsent() {
      assertEquals(
          new ClientFrame.Ping(null), codec.decodeClientFrame("{\"type\":\"ping\",\"id\":null}"));
    }

    @Test
    void acceptsALineThatEndedInCarriageReturnNewline() {
      assertEquals(
          new ClientFrame.Ping(FrameId.of(1)),
          codec.decodeClientFrame("{\"type\":\"ping\",\"id\":1}\r"));
    }

    @Test
    void ignoresUnknownFields() {
      assertEquals(
          new ClientFrame.Say(null, "dev", "hi"),
          codec.decodeClientFrame(
              "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"hi\",\"colour\":\"red\","
                  + "\"extra\":{\"nested\":[1,2,{\"a\":null}]}}"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "{\"a\":}"})
    void ignoresAnUnknownFieldNestedAsDeepAsAFrameAllowsWithoutRecursing(String level)
        throws InterruptedException {
      var line = nestedPing(level, FrameCodec.DEFAULT_MAX_FRAME_BYTES - 1);

      assertEquals(new ClientFrame.Ping(FrameId.of("deep")), decodeOnASmallStack(codec, line));
    }

    @Test
    void readsNestingAsDeepAsTheFramesItIsMadeForAllow() throws InterruptedException {
      int maxFrameBytes = 4 * FrameCodec.DEFAULT_MAX_FRAME_BYTES;
      var line = nestedPing("[]", maxFrameBytes - 1);

      assertEquals(
          new ClientFrame.Ping(FrameId.of("deep")),
          decodeOnASmallStack(new FrameCodec(maxFrameBytes), line));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", "0.", "1e"})
    void ignoresAnUnknownNumberAsLongAsAFrameAllows(String start) {
      var before = "{\"type\":\"ping\",\"id\":\"long\",\"x\":" + start;
      var digits = FrameCodec.DEFAULT_MAX_FRAME_BYTES - 1 - before.length() - 1;
      var line = before + "9".repeat(digits) + "}";

      assertEquals(new ClientFrame.Ping(FrameId.of("long")), codec.decodeClientFrame(line));
    }

    @Test
    void acceptsFieldsInAnyOrder() {
      assertEquals(
          new ClientFrame.Say(FrameId.of(1), "dev", "hi"),
          codec.decodeClientFrame("{\"text\":\"hi\",\"id\":1,\"room\":\"dev\",\"type\":\"say\"}"));
    }

    @Test
    void decodesUtf8BytesIntoText() {
      var line = "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"Zoë 😀\"}";
      assertEquals(
          new ClientFrame.Say(null, "dev", "Zoë 😀"),
          codec.decodeClientFrame(ByteBuffer.wrap(line.getBytes(StandardCharsets.UTF_8))));
    }

    @Test
    void decodesEscapedCharactersIntoText() {
      assertEquals(
          new ClientFrame.Say(null, "dev", "Zoë 😀"),
          codec.decodeClientFrame(
              "{\"type\":\"say\",\"room\":\"dev\",\"text\":\"Zo\\u00eb \\ud83d\\ude00\"}"));
    }
  }

  @Nested
  class RefusingClientFrames {

    @Test
    void refusesInvalidUtf8AsBadFrame() {
      var line =
          bytes(
              "{\"type\":\"say\",\"id\":1,\"room\":\"dev\",\"text\":\"",
              new int[] {0xC3, 0x28},
              "\"}");
      assertRefused(ErrorCode.BAD_FRAME, null, refusal(line));
    }

    @Test
    void refusesAnOverlongUtf8EncodingAsBadFrame() {
      var line =
          bytes(
              "{\"type\":\"say\",\"id\":1,\"room\":\"dev\",\"text\":\"",
              new int[] {0xC0, 0xAF},
              "\"}");
      assertRefused(ErrorCode.BAD_FRAME, null, refusal(line));
    }

    @Test
    void refusesAUtf8EncodedSurrogateAsBadFrame() {
      var line =
          bytes(
              "{\"type\":\"say\",\"id\":1,\"room\":\"dev\",\"text\":\"",
              new int[] {0xED, 0xA0, 0x80},
              "\"}");
      assertRefused(ErrorCode.BAD_FRAME, null, refusal(line));
    }

    @Test
    void refusesATruncatedUtf8SequenceAsBadFrame() {
      var line = bytes("{\"type\":\"ping\"}", new int[] {0xE2, 0x82}, "");
      assertRefused(ErrorCode.BAD_FRAME, null, refusal(line));
    }

    @Test
    void refusesTextThatIsNotJsonAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("hello there"));
    }

    @Test
    void refusesAnEmptyLineAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal(""));
    }

    @Test
    void refusesAnUnterminatedObjectAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("{\"type\":\"ping\",\"id\":1"));
    }

    @Test
    void refusesAJsonArrayAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("[{\"type\":\"ping\"}]"));
    }

    @Test
    void refusesAJsonStringAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("\"ping\""));
    }

    @Test
    void refusesAJsonNumberAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("42"));
    }

    @Test
    void refusesJsonNullAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("null"));
    }

    @Test
    void refusesTrailingGarbageAfterTheObjectAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("{\"type\":\"ping\",\"id\":1} x"));
    }

    @Test
    void refusesTwoObjectsOnOneLineAsBadFrame() {
      assertRefused(ErrorCode.BAD_FRAME, null, refusal("{\"type\":\"ping\"}{\"type\":\"ping\"}"));
    }

    @Test
    void refusesDuplicateKeysAsBadFrame() {
      assertRefused(
          ErrorCode.BAD_FRAME,
          null,
          refusal("{\"type\":\"say\",\"id\":1,\"room\":\"a\",\"room\":\"b\",\"text\":\"hi\"}"));
    }

    @Test
    void refusesDuplicateKeysInsideAnUnknownFieldAsBadFrame() {
      assertRefused(
          ErrorCode.BAD_FRAME, null, refusal("{\"type\":\"ping\",\"x\":{\"a\":1,\"a\":2}}"));
    }

    @Test
    void refusesAFrameWithoutTypeAsUnknownType() {
      assertRefused(ErrorCode.UNKNOWN_TYPE, FrameId.of(7), refusal("{\"id\":7,\"room\":\"dev\"}"));
    }

    @Test
    void refusesANumericTypeAsUnknownType() {
      assertRefused(ErrorCode.UNKNOWN_TYPE, FrameId.of(7), refusal("{\"type\":5,\"id\":7}"));
    }

    @Test
    void refusesANullTypeAsUnknownType() {
      assertRefused(ErrorCode.UNKNOWN_TYPE, FrameId.of(7), refusal("{\"type\":null,\"id\":7}"));
    }

    @Test
    void refusesAnUnknownTypeAsUnknownType() {
      assertRefused(
          ErrorCode.UNKNOWN_TYPE,
          FrameId.of("s-1"),
          refusal("{\"type\":\"shout\",\"id\":\"s-1\"}"));
    }

    @Test
    void refusesAServerFrameTypeFromAClientAsUnknownType() {
      assertRefused(ErrorCode.UNKNOWN_TYPE, null, refusal("{\"type\":\"welcome\"}"));
    }

    @Test
    void refusesAMissingFieldAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"join\",\"id\":3}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(3), refusal);
      assertNames("room", refusal);
    }

    @Test
    void refusesASayWithoutTextAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"say\",\"id\":3,\"room\":\"dev\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(3), refusal);
      assertNames("text", refusal);
    }

    @Test
    void refusesAKickWithoutANickAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"kick\",\"id\":3,\"room\":\"dev\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(3), refusal);
      assertNames("nick", refusal);
    }

    @Test
    void refusesAKickWithoutARoomAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"kick\",\"id\":3,\"nick\":\"bob\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(3), refusal);
      assertNames("room", refusal);
    }

    @Test
    void refusesADmWithoutRecipientAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"dm\",\"id\":3,\"text\":\"hi\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(3), refusal);
      assertNames("to", refusal);
    }

    @Test
    void refusesAFieldOfTheWrongTypeAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"say\",\"id\":\"q\",\"room\":\"dev\",\"text\":42}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of("q"), refusal);
      assertNames("text", refusal);
    }

    @Test
    void refusesANumericNickInHelloAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"hello\",\"id\":1,\"nick\":5}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(1), refusal);
      assertNames("nick", refusal);
    }

    @Test
    void refusesAnObjectIdAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"ping\",\"id\":{\"n\":1}}");
      assertRefused(ErrorCode.BAD_REQUEST, null, refusal);
      assertNames("id", refusal);
    }

    @Test
    void refusesAnIdOfSixtyFiveCharsAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"ping\",\"id\":\"" + "x".repeat(65) + "\"}");
      assertRefused(ErrorCode.BAD_REQUEST, null, refusal);
      assertNames("id", refusal);
    }

    @Test
    void refusesAFractionalIdAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"ping\",\"id\":1.5}");
      assertRefused(ErrorCode.BAD_REQUEST, null, refusal);
      assertNames("id", refusal);
    }

    @Test
    void refusesABooleanIdAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"ping\",\"id\":true}");
      assertRefused(ErrorCode.BAD_REQUEST, null, refusal);
      assertNames("id", refusal);
    }

    @Test
    void refusesAnIntegerIdBeyondTheLongRangeAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"ping\",\"id\":100000000000000000000}");
      assertRefused(ErrorCode.BAD_REQUEST, null, refusal);
      assertNames("id", refusal);
    }

    @Test
    void refusesAHistoryWithBothBeforeAndAfterAsBadRequestNamingThem() {
      var refusal =
          refusal(
              "{\"type\":\"history\",\"id\":4,\"room\":\"dev\",\"before_seq\":9,\"after_seq\":2}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("before_seq", refusal);
      assertNames("after_seq", refusal);
    }

    @Test
    void refusesANegativeBeforeSeqAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"history\",\"id\":4,\"room\":\"dev\",\"before_seq\":-1}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("before_seq", refusal);
    }

    @Test
    void refusesASeqGivenAsAStringAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"history\",\"id\":4,\"room\":\"dev\",\"after_seq\":\"5\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("after_seq", refusal);
    }

    @Test
    void refusesALimitOfZeroAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"history\",\"id\":4,\"room\":\"dev\",\"limit\":0}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("limit", refusal);
    }

    @Test
    void refusesAFractionalLimitAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"history\",\"id\":4,\"room\":\"dev\",\"limit\":2.5}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("limit", refusal);
    }

    @Test
    void refusesAHistoryWithoutRoomAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"history\",\"id\":4,\"limit\":10}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(4), refusal);
      assertNames("room", refusal);
    }

    @Test
    void refusesANegativeSinceAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"users\",\"id\":5,\"since_s\":-60}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(5), refusal);
      assertNames("since_s", refusal);
    }

    @Test
    void refusesAFractionalSinceAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"users\",\"id\":5,\"since_s\":1.5}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(5), refusal);
      assertNames("since_s", refusal);
    }

    @Test
    void refusesARegisterPasswordOfSevenCharsAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"register\",\"id\":6,\"password\":\"1234567\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(6), refusal);
      assertNames("password", refusal);
    }

    @Test
    void refusesSevenCharsOfPasswordEvenWhenTheyTakeEightUtf16Units() {
      var refusal = refusal("{\"type\":\"register\",\"id\":6,\"password\":\"123456🔑\"}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(6), refusal);
      assertNames("password", refusal);
    }

    @Test
    void refusesARegisterWithoutPasswordAsBadRequestNamingIt() {
      var refusal = refusal("{\"type\":\"register\",\"id\":6}");
      assertRefused(ErrorCode.BAD_REQUEST, FrameId.of(6), refusal);
      assertNames("password", refusal);
    }

    @Test
    void countsEveryRefusalCodeOfTheDecoderAsAProtocolViolation() {
      assertAll(
          () -> assertTrue(refusal("[]").code().isProtocolViolation()),
          () -> assertTrue(refusal("{\"type\":\"shout\"}").code().isProtocolViolation()),
          () -> assertTrue(refusal("{\"type\":\"join\"}").code().isProtocolViolation()));
    }
  }

  @Nested
  class DecodingServerFrames {

    @Test
    void acceptsALineThatEndedInCarriageReturnNewline() {
      assertEquals(
          new ServerFrame.Pong(FrameId.of(1)),
          codec.decodeServerFrame("{\"type\":\"pong\",\"re\":1}\r"));
    }

    @Test
    void keepsAStringReApartFromAnIntegerRe() {
      assertEquals(
          new ServerFrame.Ok(FrameId.of("7")),
          codec.decodeServerFrame("{\"type\":\"ok\",\"re\":\"7\"}"));
    }

    @Test
    void readsAnIntegerReAsAnIntegerId() {
      assertEquals(
          new ServerFrame.Ok(FrameId.of(7)), codec.decodeServerFrame("{\"type\":\"ok\",\"re\":7}"));
    }

    @Test
    void readsATimestampWithMilliseconds() {
      assertEquals(
          new ServerFrame.Notice("hi", TS),
          codec.decodeServerFrame(
              "{\"type\":\"notice\",\"text\":\"hi\",\"ts\":\"2026-11-22T07:34:14.123Z\"}"));
    }

    @Test
    void decodesAnUnknownServerFrameTypeToNull() {
      assertNull(
          codec.decodeServerFrame("{\"type\":\"reaction\",\"room\":\"dev\",\"emoji\":\"+1\"}"));
    }

    @Test
    void ignoresUnknownFieldsOfAServerFrame() {
      assertEquals(
          new ServerFrame.Pong(FrameId.of(1)),
          codec.decodeServerFrame(
              "{\"type\":\"pong\",\"re\":1,\"latency_ms\":3,\"x\":{\"y\":[]}}"));
    }

    @Test
    void decodesAnUnknownErrorCodeToUnknown() {
      assertEquals(
          new ServerFrame.Error(null, ErrorCode.UNKNOWN, "zzz", null),
          codec.decodeServerFrame(
              "{\"type\":\"error\",\"code\":\"too_sleepy\",\"message\":\"zzz\"}"));
    }

    @Test
    void decodesAnUnknownByeReasonToUnknown() {
      assertEquals(
          new ServerFrame.Bye(DepartureReason.UNKNOWN, null),
          codec.decodeServerFrame("{\"type\":\"bye\",\"reason\":\"maintenance\"}"));
    }

    @Test
    void decodesAnUnknownMemberLeftReasonToUnknown() {
      assertEquals(
          new ServerFrame.MemberLeft("dev", "bob", DepartureReason.UNKNOWN, TS),
          codec.decodeServerFrame(
              "{\"type\":\"member_left\",\"room\":\"dev\",\"nick\":\"bob\",\"reason\":\"banned\","
                  + "\"ts\":\"2026-11-22T07:34:14.123Z\"}"));
    }

    @Test
    void decodesAKickedWithItsReason() {
      assertEquals(
          new ServerFrame.Kicked("dev", "alice", "spamming", TS),
          codec.decodeServerFrame(
              "{\"type\":\"kicked\",\"room\":\"dev\",\"by\":\"alice\",\"text\":\"spamming\","
                  + "\"ts\":\"2026-11-22T07:34:14.123Z\"}"));
    }

    @Test
    void decodesAMemberLeftWithoutByAndTextAsBefore() {
      assertEquals(
          new ServerFrame.MemberLeft("dev", "bob", DepartureReason.QUIT, null, null, TS),
          codec.decodeServerFrame(
              "{\"type\":\"member_left\",\"room\":\"dev\",\"nick\":\"bob\",\"reason\":\"quit\","
                  + "\"ts\":\"2026-11-22T07:34:14.123Z\"}"));
    }

    @Test
    void refusesALineThatIsNotJson() {
      assertThrows(IllegalArgumentException.class, () -> codec.decodeServerFrame("pong"));
    }

    @Test
    void refusesATimestampThatIsNotRfc3339() {
      assertThrows(
          IllegalArgumentException.class,
          () -> codec.decodeServerFrame("{\"type\":\"notice\",\"text\":\"hi\",\"ts\":\"today\"}"));
    }
  }

  @Nested
  class RoundTrips {

    @ParameterizedTest
    @MethodSource("dev.parley.protocol.FrameCodecTest#clientFrames")
    void decodesAnEncodedClientFrameBackToAnEqualFrame(ClientFrame frame) {
      var line = codec.encode(frame);
      assertEquals(frame, codec.decodeClientFrame(ByteBuffer.wrap(line, 0, line.length - 1)));
    }

    @ParameterizedTest
    @MethodSource("dev.parley.protocol.FrameCodecTest#serverFrames")
    void decodesAnEncodedServerFrameBackToAnEqualFrame(ServerFrame frame) {
      var line = text(codec.encode(frame));
      assertEquals(frame, codec.decodeServerFrame(line.substring(0, line.length() - 1)));
    }

    @ParameterizedTest
    @ValueSource(
        strings = {
          "x\udae00",
          "x\udae0\"y",
          "\ud800\ud83d\ude00\udc00",
          "\udc00\ud800",
          "tail \ud800"
        })
    void keepsAnUnpairedSurrogateAndTheCharsAroundIt(String text) {
      var frame = new ClientFrame.Say(FrameId.of(text), "lobby", text);
      var line = codec.encode(frame);
      assertEquals(frame, codec.decodeClientFrame(ByteBuffer.wrap(line, 0, line.length - 1)));
    }
  }

  static Stream<Arguments> answersWithTheirEvents() {
    return Stream.of(
        Arguments.of(
            new ServerFrame.Message(FrameId.of(3), "lobby", 42, "alice", "hi, \"there\"", TS, null),
            new ServerFrame.Message(null, "lobby", 42, "alice", "hi, \"there\"", TS, null)),
        Arguments.of(
            new ServerFrame.Message(
                FrameId.of("say \"1\", Ünïcode \uD83D\uDE00"), "dev", 1, "bob", "x", TS, null),
            new ServerFrame.Message(null, "dev", 1, "bob", "x", TS, null)),
        Arguments.of(
            new ServerFrame.Topic(FrameId.of(-7), "lobby", "t", "alice", TS),
            new ServerFrame.Topic(null, "lobby", "t", "alice", TS)),
        Arguments.of(new ServerFrame.Pong(FrameId.of("p")), new ServerFrame.Pong(null)));
  }

  @ParameterizedTest
  @MethodSource("answersWithTheirEvents")
  void answeringAnEncodedEventGivesTheBytesOfTheAnswer(ServerFrame answer, ServerFrame event) {
    byte[] spliced = codec.answering(codec.encode(event), reOf(answer));

    assertEquals(
        new String(codec.encode(answer), StandardCharsets.UTF_8),
        new String(spliced, StandardCharsets.UTF_8));
    assertEquals(answer, codec.decodeServerFrame(new String(spliced, StandardCharsets.UTF_8)));
  }

  @Test
  void answeringWithoutAnIdLeavesTheEventAsItIs() {
    byte[] event = codec.encode(new ServerFrame.Message(null, "lobby", 1, "a", "b", TS, null));

    assertSame(event, codec.answering(event, null));
  }

  private static FrameId reOf(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message message) {
      return message.re();
    }
    if (frame instanceof ServerFrame.Topic topic) {
      return topic.re();
    }
    return ((ServerFrame.Pong) frame).re();
  }
}
