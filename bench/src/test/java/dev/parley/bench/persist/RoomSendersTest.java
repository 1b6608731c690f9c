package dev.parley.bench.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.bench.relay.RawRelay;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against the raw relay, which answers a say with its echo at once, as a store never would. */
class RoomSendersTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private InetSocketAddress relayAddress;
  private Thread relayThread;

  @BeforeEach
  void startRelay() throws IOException {
    var relay = RawRelay.bind(new InetSocketAddress("127.0.0.1", 0), 4 * 1024 * 1024);
    relayAddress = relay.address();
    relayThread = new Thread(relay, "relay");
    relayThread.start();
  }

  @AfterEach
  void stopRelay() throws InterruptedException {
    relayThread.interrupt();
    relayThread.join();
  }

  @Test
  void sendsExactlyTheSaysAskedForAndSeesEachAcknowledged() throws IOException, TimeoutException {
    try (var senders = RoomSenders.open(relayAddress, "fill", 3, 10, 48, TIMEOUT)) {
      senders.sendInAll(1_001, TIMEOUT);

      assertEquals(1_001, senders.acknowledged());
    }
  }

  @Test
  void countsTheAcknowledgementsOfAMeasuredPhaseAndStopsWhenDrained()
      throws IOException, TimeoutException {
    try (var senders = RoomSenders.open(relayAddress, "measured", 2, 5, 48, TIMEOUT)) {
      RoomSenders.Measurement measured = senders.measure(Duration.ofSeconds(1));
      senders.drain(TIMEOUT);
      long drained = senders.acknowledged();

      assertTrue(measured.acknowledged() > 0, measured.toString());
      assertTrue(measured.acknowledged() <= drained, measured + " of " + drained);
      assertEquals(measured.acknowledged(), measured.latency().count());
    }
  }

  @Test
  void timesAJoinUntilTheRoomsAnswer() throws IOException {
    JoinProbe.Answer answer = JoinProbe.join(relayAddress, "probe", "lobby", TIMEOUT);

    assertEquals(0, answer.replayed());
    assertTrue(answer.connectedAt() <= answer.welcomedAt());
    assertTrue(answer.joinSentAt() <= answer.answeredAt());
  }
}
