package dev.parley.client.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.connection.ClientEvent;
import dev.parley.client.peer.PeerEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** How private conversations read on the console. */
class PeerLinesTest {

  private final FrameRenderer renderer =
      new FrameRenderer(
          Clock.fixed(Instant.parse("2026-12-07T10:00:00Z"), ZoneOffset.UTC), "HH:mm");

  private String rendered(PeerEvent event) {
    return renderer.render(new ClientEvent.Private(event)).stream()
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  @Test
  void aLineOverTheDirectLinkNamesTheConversationAndTheSpeaker() {
    assertEquals(
        "[10:00] =bob= <alice> hello",
        rendered(
            new PeerEvent.Said("bob", "alice", "hello", Instant.parse("2026-12-07T10:00:00Z"))));
  }

  @Test
  void progressShowsHowFarTheRateAndTheTimeLeft() {
    assertEquals(
        "[10:00] -- =bob= sending movie.mkv to bob: 50% (2.0 MiB of 4.0 MiB), 1.0 MiB/s, 2 s left",
        rendered(
            new PeerEvent.Progress(
                "bob", "movie.mkv", true, 2 << 20, 4 << 20, 1 << 20, Duration.ofSeconds(2))));
  }

  @Test
  void anOfferSaysHowToAnswerIt() {
    assertTrue(rendered(new PeerEvent.Offered("bob")).contains("/accept bob or /decline bob"));
  }

  @Test
  void theFallbackSaysThatDirectMessagesGoThroughTheServer() {
    String shown =
        rendered(new PeerEvent.Unreachable("bob", "connection refused", Duration.ofSeconds(5)));
    assertTrue(
        shown.contains("no direct connection with bob within 5 s: connection refused"), shown);
    assertTrue(shown.contains("/msg bob text"), shown);
  }

  @Test
  void sizesReadAsPeopleCountThem() {
    assertEquals("512 B", PeerLines.size(512));
    assertEquals("1.5 KiB", PeerLines.size(1536));
    assertEquals("3.0 GiB", PeerLines.size(3L << 30));
  }
}
