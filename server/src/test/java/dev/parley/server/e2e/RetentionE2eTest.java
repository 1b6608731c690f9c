package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** How much a room keeps, by count and by age, and that the store lets go of the rest. */
@ExtendWith(LogCapturingExtension.class)
class RetentionE2eTest {

  private static final int SNAPSHOT_EVERY = 5;

  @TempDir Path dataDir;

  @Test
  void keepsTheLatestMessagesAndDeletesOlderEventsFromTheStore() throws SQLException {
    String room = Names.room("retained");
    try (var server = start("e2e-retention");
        var client = RawClient.login(server.address(), Names.nick("poster"))) {
      create(client, room);
      Posting.post(client, room, 40);

      assertEquals(List.of(37L, 38L, 39L, 40L), history(client, room));
    }

    // without deletion there would be 40 events and 8 snapshots: the store keeps the latest
    // snapshot, two before it and the events since the oldest of them; says stored together may
    // carry a snapshot past its number, and the last deletion may still be under way at the stop
    assertTrue(storedEvents(room) <= 4 * SNAPSHOT_EVERY, "events: " + storedEvents(room));
    assertTrue(storedSnapshots(room) <= 4, "snapshots: " + storedSnapshots(room));

    try (var server = start("e2e-retention");
        var client = RawClient.login(server.address(), Names.nick("reader"))) {
      join(client, room);
      assertEquals(List.of(37L, 38L, 39L, 40L), history(client, room));
      client.sendFrame("say", "id", "next", "room", room, "text", Posting.text(41));
      var echo =
          client.expect(ServerFrame.Message.class, m -> FrameId.of("next").equals(m.re()), "echo");
      assertEquals(41, echo.seq());
    }
  }

  @Test
  void forgetsMessagesOlderThanTheMaximumAgeAlsoAfterARestart() {
    String room = Names.room("expiring");
    try (var server = start("e2e-expiry");
        var client = RawClient.login(server.address(), Names.nick("poster"))) {
      create(client, room);
      Posting.post(client, room, 3);
      assertEquals(List.of(1L, 2L, 3L), history(client, room));

      Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
      List<Long> left = history(client, room);
      while (!left.isEmpty() && Instant.now().isBefore(deadline)) {
        client.sendFrame("ping", "id", "wait");
        client.expectPong(FrameId.of("wait"));
        left = history(client, room);
      }
      assertEquals(List.of(), left, "history after the messages' maximum age");
    }

    try (var server = start("e2e-expiry");
        var client = RawClient.login(server.address(), Names.nick("reader"))) {
      var joined = join(client, room);
      assertEquals(0, joined.replay());
      assertEquals(List.of(), history(client, room));
      client.sendFrame("say", "id", "next", "room", room, "text", Posting.text(4));
      var echo =
          client.expect(ServerFrame.Message.class, m -> FrameId.of("next").equals(m.re()), "echo");
      assertEquals(4, echo.seq());
    }
  }

  private ParleyServer start(String configResource) {
    return ParleyServer.start(
        ConfigFactory.parseMap(Map.of("parley.data-dir", dataDir.toString()))
            .withFallback(ConfigFactory.load(configResource)));
  }

  private static void create(RawClient client, String room) {
    client.sendFrame("create", "room", room);
    client.expect(ServerFrame.Joined.class);
  }

  private static ServerFrame.Joined join(RawClient client, String room) {
    client.sendFrame("join", "id", "j", "room", room);
    var joined = client.expect(ServerFrame.Joined.class);
    for (int i = 0; i < joined.replay(); i++) {
      client.expect(ServerFrame.Message.class);
    }
    return joined;
  }

  /** The seqs of the latest messages the room hands out. */
  private static List<Long> history(RawClient client, String room) {
    client.sendFrame("history", "id", "h", "room", room, "limit", 50);
    var seqs = new ArrayList<Long>();
    while (true) {
      var frame = client.next();
      if (frame instanceof ServerFrame.HistoryEnd) {
        return seqs;
      }
      seqs.add(((ServerFrame.Message) frame).seq());
    }
  }

  private long storedEvents(String room) throws SQLException {
    return count("\"event_journal\"", room);
  }

  private long storedSnapshots(String room) throws SQLException {
    return count("\"snapshot\"", room);
  }

  private long count(String table, String room) throws SQLException {
    String url = "jdbc:h2:file:" + dataDir.toAbsolutePath().resolve("parley");
    try (var connection = DriverManager.getConnection(url, "sa", "");
        var query =
            connection.prepareStatement(
                "SELECT COUNT(*) FROM " + table + " WHERE \"persistence_id\" = ?")) {
      query.setString(1, "room|" + room.toLowerCase());
      try (var result = query.executeQuery()) {
        result.next();
        return result.getLong(1);
      }
    }
  }
}
