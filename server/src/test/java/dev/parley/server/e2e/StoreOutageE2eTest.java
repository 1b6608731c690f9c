package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * While the store refuses writes, whatever waits to be stored waits with it, and is stored and
 * answered once the store takes writes again: nobody's request is lost, and nobody's session stops
 * reading. The outage is that of a server on PostgreSQL whose journal table is renamed away for a
 * moment. Skipped without PostgreSQL ({@code .ci/run} starts one).
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.PostgresDatabase#available",
    disabledReason = PostgresDatabase.MISSING)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreOutageE2eTest {

  private static final String JOURNAL = "event_journal";
  private static final Duration OUTAGE = Duration.ofMillis(500);

  @AutoClose private ServerOnPostgres server;

  @BeforeAll
  void startTheServerOnItsOwnDatabase() {
    server = ServerOnPostgres.start("");
  }

  @Test
  void aTopicSetDuringAnOutageIsAnsweredAndToldOnceTheStoreIsBack() {
    String room = Names.room("outage");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), Names.nick("bob"))) {
      Rooms.enter(room, alice, bob);

      withTheJournalAway(
          () -> {
            alice.sendFrame("topic", "id", "t", "room", room, "topic", "stored late");
            // read after the topic is answered, as any frame is
            alice.sendFrame("ping", "id", "p");
            alice.expectNothingFor(OUTAGE);
          });

      var answer =
          alice.expect(
              ServerFrame.Topic.class, topic -> FrameId.of("t").equals(topic.re()), "re t");
      assertEquals("stored late", answer.topic());
      alice.expectPong(FrameId.of("p"));
      assertEquals("stored late", bob.expect(ServerFrame.Topic.class).topic());
    }
  }

  @Test
  void aRoomCreatedDuringAnOutageIsCreatedOnceTheStoreIsBack() {
    String room = Names.room("outage");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      withTheJournalAway(
          () -> {
            alice.sendFrame("create", "id", "c", "room", room, "topic", "made late");
            alice.sendFrame("rooms", "id", "r");
            alice.expectNothingFor(OUTAGE);
          });

      var joined = alice.expect(ServerFrame.Joined.class);
      assertEquals(FrameId.of("c"), joined.re());
      assertEquals(room, joined.room());
      var rooms = alice.expect(ServerFrame.RoomList.class).rooms();
      assertTrue(
          rooms.contains(new ServerFrame.RoomSummary(room, 1, "made late")), rooms.toString());
    }
  }

  @Test
  void anAccountItsBlocksAndItsMailMadeDuringOutagesAreAnsweredOnceTheStoreIsBack() {
    String carol = Names.nick("carol");
    try (var client = RawClient.login(server.address(), carol)) {
      withTheJournalAway(
          () -> {
            client.sendFrame("register", "id", "r", "password", "carol's secret");
            client.expectNothingFor(OUTAGE);
          });
      client.expect(ServerFrame.Ok.class, ok -> FrameId.of("r").equals(ok.re()), "re r");

      String mallory = Names.nick("mallory");
      try (var other = RawClient.login(server.address(), mallory)) {
        withTheJournalAway(
            () -> {
              client.sendFrame("block", "id", "b", "nick", mallory);
              client.expectNothingFor(OUTAGE);
            });
        client.expect(ServerFrame.Ok.class, ok -> FrameId.of("b").equals(ok.re()), "re b");
      }
    }

    try (var alice = RawClient.login(server.address(), Names.nick("alice"))) {
      withTheJournalAway(
          () -> {
            alice.sendFrame("dm", "id", "d", "to", carol, "text", "kept for later");
            alice.expectNothingFor(OUTAGE);
          });
      var kept = alice.expect(ServerFrame.Direct.class);
      assertEquals(FrameId.of("d"), kept.re());
      assertEquals(Boolean.TRUE, kept.stored(), alice.lastLine());

      try (var client = RawClient.connect(server.address())) {
        withTheJournalAway(
            () -> {
              // the mail comes with the welcome: it leaves the store only at her next frame
              client.sendFrame("hello", "id", "h", "nick", carol, "password", "carol's secret");
              client.expect(
                  ServerFrame.Welcome.class, welcome -> welcome.nick().equals(carol), carol);
              var mail = client.expect(ServerFrame.Direct.class);
              assertEquals("kept for later", mail.text());
              assertEquals(Boolean.TRUE, mail.offline(), client.lastLine());
              client.expect(ServerFrame.Joined.class);
              // sent meanwhile, to a user now online: it comes live
              alice.sendFrame("dm", "id", "d2", "to", carol, "text", "while you logged in");
              var live = client.expect(ServerFrame.Direct.class);
              assertEquals("while you logged in", live.text());
              assertNull(live.offline(), client.lastLine());
              var second = alice.expect(ServerFrame.Direct.class);
              assertEquals(FrameId.of("d2"), second.re());
              assertNull(second.stored(), alice.lastLine());
              // her next frame says she has the mail: it is answered once the store took that
              client.sendFrame("ping", "id", "p");
              client.expectNothingFor(OUTAGE);
            });
        client.expectPong(FrameId.of("p"));
      }
    }
  }

  /** Renames the journal table away while {@code during} runs, as an outage of the database. */
  private void withTheJournalAway(Runnable during) {
    server.database().execute("ALTER TABLE " + JOURNAL + " RENAME TO " + JOURNAL + "_away");
    try {
      during.run();
    } finally {
      server.database().execute("ALTER TABLE " + JOURNAL + "_away RENAME TO " + JOURNAL);
    }
  }
}
