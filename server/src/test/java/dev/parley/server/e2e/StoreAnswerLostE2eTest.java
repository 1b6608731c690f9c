package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A write that the journal gave up on, and that the database committed all the same, counts as
 * stored: it is answered and told once, and stored once. The journal waits 500 ms for a write; a
 * trigger on PostgreSQL holds the writes of events that mention {@link #SLOW} for 1.5 s before they
 * commit. Skipped without PostgreSQL ({@code .ci/run} starts one).
 */
@ExtendWith(LogCapturingExtension.class)
@EnabledIf(
    value = "dev.parley.server.e2e.PostgresDatabase#available",
    disabledReason = PostgresDatabase.MISSING)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StoreAnswerLostE2eTest {

  private static final String SLOW = "slowwrite";
  private static final Duration JOURNAL_WAITS = Duration.ofMillis(500);
  private static final Duration COMMIT_TAKES = Duration.ofMillis(1500);

  @AutoClose private ServerOnPostgres server;

  @BeforeAll
  void startTheServerWithACommitSlowerThanTheJournalWaits() {
    server =
        ServerOnPostgres.start(
            "jdbc-journal.circuit-breaker.call-timeout = " + JOURNAL_WAITS.toMillis() + "ms");
    server
        .database()
        .execute(
            "CREATE FUNCTION hold_slow_writes() RETURNS trigger AS $$ BEGIN"
                + " IF position(convert_to('"
                + SLOW
                + "', 'UTF8') in NEW.event_payload) > 0 THEN PERFORM pg_sleep("
                + COMMIT_TAKES.toMillis() / 1000.0
                + "); END IF; RETURN NULL; END $$ LANGUAGE plpgsql");
    server
        .database()
        .execute(
            "CREATE TRIGGER hold_slow_writes AFTER INSERT ON event_journal"
                + " FOR EACH ROW EXECUTE FUNCTION hold_slow_writes()");
  }

  @Test
  void aMessageCommittedAfterTheJournalGaveUpIsToldAndStoredOnce() {
    String room = Names.room("lost");
    try (var alice = RawClient.login(server.address(), Names.nick("alice"));
        var bob = RawClient.login(server.address(), Names.nick("bob"))) {
      Rooms.enter(room, alice, bob);

      alice.sendFrame("say", "id", "s", "room", room, "text", SLOW);
      alice.sendFrame("say", "id", "a", "room", room, "text", "after it");

      var slow = alice.expect(ServerFrame.Message.class, m -> FrameId.of("s").equals(m.re()), "s");
      var after = alice.expect(ServerFrame.Message.class, m -> FrameId.of("a").equals(m.re()), "a");
      assertEquals(slow.seq() + 1, after.seq());
      assertEquals(List.of(SLOW, "after it"), texts(bob, 2));
      alice.expectNothingFor(Duration.ofMillis(500));
      bob.expectNothingFor(Duration.ofMillis(10));

      bob.sendFrame("history", "id", "h", "room", room);
      assertEquals(List.of(SLOW, "after it"), texts(bob, 2));
      bob.expect(ServerFrame.HistoryEnd.class);
    }
  }

  @Test
  void anAccountRegisteredAfterTheJournalGaveUpIsAnsweredAsRegistered() {
    String nick = Names.nick(SLOW);
    try (var client = RawClient.login(server.address(), nick)) {
      client.sendFrame("register", "id", "r", "password", "a slow secret");

      client.expect(ServerFrame.Ok.class, ok -> FrameId.of("r").equals(ok.re()), "re r");
      client.expectNothingFor(Duration.ofMillis(500));
    }
    try (var again = RawClient.connect(server.address())) {
      again.sendFrame("hello", "id", "h", "nick", nick, "password", "a slow secret");
      again.expect(ServerFrame.Welcome.class, welcome -> welcome.nick().equals(nick), nick);
    }
  }

  private static List<String> texts(RawClient client, int count) {
    var texts = new ArrayList<String>();
    while (texts.size() < count) {
      texts.add(client.expect(ServerFrame.Message.class).text());
    }
    return texts;
  }
}
