package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The chat over WebSocket: the same frames, answers and refusals as over TCP. */
@ExtendWith(LogCapturingExtension.class)
class WebSocketE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("application-test");

  @Test
  void aWebSocketUserAndATcpUserChatInOneRoom() {
    String room = Names.room("both");
    String webNick = Names.nick("web");
    String tcpNick = Names.nick("tcp");
    try (var web = WebSocketClient.login(server.httpAddress(), webNick);
        var tcp = RawClient.login(server.address(), tcpNick)) {
      web.send("{\"type\":\"create\",\"room\":\"" + room + "\",\"id\":1}");
      web.expect(ServerFrame.Joined.class, joined -> FrameId.of(1).equals(joined.re()), "re 1");
      tcp.sendFrame("join", "room", room);
      tcp.expect(ServerFrame.Joined.class);
      var joined = web.expect(ServerFrame.MemberJoined.class);
      assertEquals(tcpNick, joined.nick());

      web.send(
          "{\"type\":\"say\",\"room\":\"" + room + "\",\"text\":\"from the browser\",\"id\":2}");
      var echo = web.expect(ServerFrame.Message.class);
      assertEquals(FrameId.of(2), echo.re());
      var heard = tcp.expect(ServerFrame.Message.class);
      assertEquals(List.of(webNick, "from the browser"), List.of(heard.from(), heard.text()));

      tcp.sendFrame("say", "room", room, "text", "from a terminal\nover two lines");
      tcp.expect(ServerFrame.Message.class);
      var reply = web.expect(ServerFrame.Message.class);
      assertEquals(
          List.of(tcpNick, "from a terminal\nover two lines"), List.of(reply.from(), reply.text()));
      assertEquals(echo.seq() + 1, reply.seq());
    }
  }

  @Test
  void eachFrameIsATextMessageOfItsOwn() {
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.send("{\"type\":\"ping\",\"id\":\"a\"}");
      web.expect(ServerFrame.Pong.class);
      assertEquals("{\"type\":\"pong\",\"re\":\"a\"}", web.lastText());
    }
  }

  @Test
  void framesBeforeHelloAreRefusedAsOnTcp() {
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.send("{\"type\":\"rooms\",\"id\":7}");
      web.expectError(ErrorCode.NOT_LOGGED_IN, FrameId.of(7));
    }
  }

  @Test
  void badJsonAndUnknownTypesAreErrorsAndTheConnectionStays() {
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.send("not json");
      web.expectError(ErrorCode.BAD_FRAME, null);
      web.send("{\"type\":\"dance\",\"id\":3}");
      web.expectError(ErrorCode.UNKNOWN_TYPE, FrameId.of(3));
      web.send("{\"type\":\"ping\",\"id\":4}");
      web.expect(ServerFrame.Pong.class);
    }
  }

  @Test
  void aBinaryMessageIsAnErrorAndTheConnectionStays() {
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.sendBinary("{\"type\":\"ping\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      var error = web.expectError(ErrorCode.BAD_FRAME, null);
      assertTrue(error.message().contains("text"), error.message());
      web.send("{\"type\":\"ping\",\"id\":5}");
      web.expect(ServerFrame.Pong.class);
    }
  }

  @Test
  void aTextMessageOverTheFrameLimitIsAnErrorAndTheConnectionStays() {
    int maxFrameBytes = server.settings().protocol().maxFrameBytes();
    String oversized = "{\"type\":\"ping\",\"pad\":\"" + "x".repeat(maxFrameBytes) + "\"}";
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.send(oversized);
      web.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      // streamed in parts, as a long message may be
      web.sendInParts(oversized, 1000);
      web.expectError(ErrorCode.FRAME_TOO_LARGE, null);
      web.send("{\"type\":\"ping\",\"id\":6}");
      web.expect(ServerFrame.Pong.class);
    }
  }

  @Test
  void theLargestFrameATcpLineHoldsFitsATextMessage() {
    int maxFrameBytes = server.settings().protocol().maxFrameBytes();
    String start = "{\"type\":\"ping\",\"id\":8,\"pad\":\"";
    // the line's newline is not in the message
    String largest = start + "é".repeat((maxFrameBytes - 1 - start.length() - 2) / 2) + "\"}";
    try (var web = WebSocketClient.connect(server.httpAddress())) {
      web.sendInParts(largest, 777);
      web.expect(ServerFrame.Pong.class, pong -> FrameId.of(8).equals(pong.re()), "re 8");
    }
  }

  @Test
  void aPageOfAnotherSiteMayNotOpenTheChat() {
    assertEquals(
        403,
        WebSocketClient.handshakeStatus(
            server.httpAddress(), Optional.of("https://evil.example.com")));
    assertEquals(
        101,
        WebSocketClient.handshakeStatus(
            server.httpAddress(), Optional.of(WebSocketClient.ownOrigin(server.httpAddress()))));
  }

  @Test
  void aQuitIsAnsweredByeAndTheConnectionCloses() {
    try (var web = WebSocketClient.login(server.httpAddress(), Names.nick("quitter"))) {
      web.send("{\"type\":\"quit\",\"id\":9}");
      var bye = web.expect(ServerFrame.Bye.class);
      assertEquals(DepartureReason.QUIT, bye.reason());
      web.expectClosed();
    }
  }
}
