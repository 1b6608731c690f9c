package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Health and metrics on an admin address of their own, as an operator's tools ask them. */
@ExtendWith(LogCapturingExtension.class)
class OperationsE2eTest {

  @RegisterExtension static final RunningServer server = new RunningServer("e2e-http-admin");

  private static final HttpClient http = HttpClient.newHttpClient();

  @Test
  void theServerIsLiveAndSoonReady() {
    assertEquals(200, get(server.adminAddress(), "/health/live").statusCode());
    var ready = awaitReady(server.adminAddress());
    assertEquals("ready\n", ready.body());
  }

  /** Asks {@code /health/ready} until it answers 200, as a load balancer does. */
  static HttpResponse<String> awaitReady(InetSocketAddress admin) {
    long deadline = System.nanoTime() + RawClient.TIMEOUT.toNanos();
    var ready = get(admin, "/health/ready");
    while (ready.statusCode() != 200 && System.nanoTime() < deadline) {
      assertEquals(503, ready.statusCode(), ready.body());
      assertTrue(ready.body().startsWith("not ready: "), ready.body());
      Thread.onSpinWait();
      ready = get(admin, "/health/ready");
    }
    assertEquals(200, ready.statusCode(), ready.body());
    return ready;
  }

  @Test
  void healthAndMetricsAreNotOnTheChatsAddressWhenTheyHaveTheirOwn() {
    assertEquals(404, get(server.httpAddress(), "/metrics").statusCode());
    assertEquals(404, get(server.httpAddress(), "/health/ready").statusCode());
  }

  @Test
  void metricsAreInPrometheusTextFormat() {
    var metrics = get(server.adminAddress(), "/metrics");
    assertEquals(200, metrics.statusCode());
    assertEquals(
        "text/plain; version=0.0.4; charset=utf-8",
        metrics.headers().firstValue("Content-Type").orElse("").toLowerCase(Locale.ROOT));
    String body = metrics.body();
    for (String name :
        new String[] {
          "# TYPE parley_connections_open gauge",
          "# TYPE parley_messages_posted_total counter",
          "# TYPE parley_deliveries_total counter",
          "# TYPE parley_gaps_total counter",
          "# TYPE parley_slow_consumer_cutoffs_total counter",
          "# TYPE parley_frames_refused_total counter",
          "# TYPE parley_logins_failed_total counter",
          "# TYPE parley_store_write_seconds histogram",
          "# TYPE parley_rooms gauge",
          "# TYPE jvm_memory_used_bytes gauge",
        }) {
      assertTrue(body.contains(name), name + " in\n" + body);
    }
  }

  @Test
  void metricsCountConnectionsByDoorMessagesAndRefusals() {
    double webBefore = sample("parley_connections_open{door=\"websocket\"}");
    double postedBefore = sample("parley_messages_posted_total");
    double deliveredBefore = sample("parley_deliveries_total");
    double refusedBefore = sample("parley_frames_refused_total{code=\"unknown_type\"}");
    double failedLoginsBefore = sample("parley_logins_failed_total");
    String room = Names.room("counted");
    try (var web = WebSocketClient.login(server.httpAddress(), Names.nick("web"));
        var tcp = RawClient.login(server.address(), Names.nick("tcp"))) {
      assertEquals(webBefore + 1, sample("parley_connections_open{door=\"websocket\"}"));
      Rooms.enter(room, tcp);
      web.send("{\"type\":\"join\",\"room\":\"" + room + "\"}");
      web.expect(ServerFrame.Joined.class);
      tcp.expect(ServerFrame.MemberJoined.class);
      tcp.sendFrame("say", "room", room, "text", "counted");
      tcp.expect(ServerFrame.Message.class);
      web.expect(ServerFrame.Message.class);
      web.send("{\"type\":\"dance\"}");
      web.expectError(ErrorCode.UNKNOWN_TYPE, null);
      try (var guesser = RawClient.connect(server.address())) {
        guesser.sendFrame("hello", "nick", Names.nick("nobody"), "password", "wrong-password");
        guesser.expectError(ErrorCode.AUTH_FAILED, null);
      }

      assertEquals(postedBefore + 1, sample("parley_messages_posted_total"));
      assertEquals(deliveredBefore + 2, sample("parley_deliveries_total"));
      assertEquals(refusedBefore + 1, sample("parley_frames_refused_total{code=\"unknown_type\"}"));
      assertEquals(failedLoginsBefore + 1, sample("parley_logins_failed_total"));
      assertTrue(sample("parley_store_write_seconds_count") > 0);
    }
  }

  @Test
  void anAllowedSitesPagesMayOpenTheChatAndOthersMayNot() {
    assertEquals(
        101,
        WebSocketClient.handshakeStatus(
            server.httpAddress(), Optional.of("https://chat.example.org")));
    assertEquals(
        403,
        WebSocketClient.handshakeStatus(
            server.httpAddress(), Optional.of("https://chat.example.org.evil.com")));
    assertEquals(
        403,
        WebSocketClient.handshakeStatus(
            server.httpAddress(), Optional.of("http://chat.example.org")));
  }

  /** The value of one sample, {@code name{labels}} exactly as the text format writes it. */
  private static double sample(String nameAndLabels) {
    String body = get(server.adminAddress(), "/metrics").body();
    Matcher value =
        Pattern.compile("(?m)^" + Pattern.quote(nameAndLabels) + " (\\S+)$").matcher(body);
    assertTrue(value.find(), nameAndLabels + " in\n" + body);
    return Double.parseDouble(value.group(1));
  }

  static HttpResponse<String> get(InetSocketAddress address, String path) {
    var request =
        HttpRequest.newBuilder(
                URI.create("http://" + address.getHostString() + ":" + address.getPort() + path))
            .timeout(RawClient.TIMEOUT)
            .build();
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
