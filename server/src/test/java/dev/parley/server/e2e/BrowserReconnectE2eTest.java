package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/**
 * The web client when its connection is lost: it reconnects by itself, logs in again, rejoins its
 * rooms and shows what it missed, each message once and in order. The server restarts on the same
 * HTTP port with its history in H2, as an operator's restart does.
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.BrowserSession#available",
    disabledReason = BrowserSession.MISSING)
class BrowserReconnectE2eTest {

  @TempDir Path dataDir;

  private ParleyServer server;

  @AfterEach
  void stopTheServer() {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void reconnectsAfterTheServerRestartsAndShowsNoMessageTwice() {
    int httpPort = freePort();
    String room = Names.room("restart");
    String web = Names.nick("web");
    String tcp = Names.nick("tcp");
    server = start(httpPort);
    try (var browser = BrowserSession.open(server.httpAddress().orElseThrow()).logIn(web)) {
      try (var terminal = RawClient.login(server.address(), tcp)) {
        browser.createRoom(room, null);
        terminal.sendFrame("join", "room", room);
        terminal.expect(ServerFrame.Joined.class);
        browser.say("before the restart, from the browser");
        terminal.sendFrame("say", "room", room, "text", "before the restart, from a terminal");
        browser.waitForMessage(room, "before the restart, from a terminal");
      }

      server.close();
      browser.waitFor(d -> "waiting".equals(browser.connectionState()));
      browser.waitFor(d -> d.findElement(By.id("conn-banner")).isDisplayed());

      server = start(httpPort);
      try (var terminal = RawClient.login(server.address(), tcp)) {
        terminal.sendFrame("join", "room", room);
        int replay = terminal.expect(ServerFrame.Joined.class).replay();
        for (int i = 0; i < replay; i++) {
          terminal.expect(ServerFrame.Message.class);
        }
        // posted while the page may still be waiting to reconnect: it shows once it is back
        terminal.sendFrame("say", "room", room, "text", "while the page was away");
        browser.waitUntilOnline();
        browser.waitForMessage(room, "while the page was away");
        browser.waitForLine("Back online.");
        browser.waitForMember(tcp, true);

        browser.say("after the restart, from the browser");
        terminal.sendFrame("say", "room", room, "text", "after the restart, from a terminal");
        browser.waitForMessage(room, "after the restart, from a terminal");
      }

      var shown = browser.messages();
      assertEquals(
          List.of(
              "before the restart, from the browser",
              "before the restart, from a terminal",
              "while the page was away",
              "after the restart, from the browser",
              "after the restart, from a terminal"),
          shown.stream().map(BrowserSession.Message::text).toList());
      assertEquals(
          List.of(1L, 2L, 3L, 4L, 5L), shown.stream().map(BrowserSession.Message::seq).toList());
      assertEquals(web, browser.text("#me-nick"), "logged in again with the same nick");
      assertTrue(browser.driver().findElement(By.id("conn-banner")).getAttribute("hidden") != null);
      assertEquals(
          Set.of("lobby", room),
          browser.driver().findElements(By.cssSelector("#room-list button[data-room]")).stream()
              .map(button -> button.getAttribute("data-room"))
              .collect(Collectors.toSet()),
          "rejoined its rooms");
    }
  }

  private ParleyServer start(int httpPort) {
    Config config =
        ConfigFactory.parseMap(
                Map.of(
                    "parley.http.port",
                    httpPort,
                    "parley.persistence.store",
                    "h2",
                    "parley.data-dir",
                    dataDir.toString()))
            .withFallback(ConfigFactory.load("e2e-fast-flood"))
            .resolve();
    return ParleyServer.start(config);
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0, 1, new InetSocketAddress("127.0.0.1", 0).getAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
