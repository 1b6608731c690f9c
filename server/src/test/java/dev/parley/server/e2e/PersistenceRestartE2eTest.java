package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigUtil;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.LongStream;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the server acknowledged survives a restart: rooms with their topics and history, accounts
 * with their passwords and blocks, and mail kept for an offline account. For each store, and each
 * way a server stops, a server in a JVM of its own is filled as users fill it, over sockets,
 * stopped, and started again on the same store: after SIGTERM reading the changes it stored, after
 * SIGKILL reading snapshots too. PostgreSQL is tested when {@code PARLEY_TEST_POSTGRES_URL} names a
 * server ({@code .ci/run} starts one), and skipped otherwise.
 */
@ExtendWith(LogCapturingExtension.class)
class PersistenceRestartE2eTest {

  @Nested
  class H2AfterSigterm extends RestartedServer {
    H2AfterSigterm() {
      super(new H2(), Stop.SIGTERM, Snapshots.BUILT_IN);
    }
  }

  @Nested
  class H2FromSnapshotsAfterSigkill extends RestartedServer {
    H2FromSnapshotsAfterSigkill() {
      super(new H2(), Stop.SIGKILL, Snapshots.EVERY_OTHER_CHANGE);
    }
  }

  @Nested
  class PostgresqlAfterSigterm extends RestartedServer {
    PostgresqlAfterSigterm() {
      super(new Postgresql(), Stop.SIGTERM, Snapshots.BUILT_IN);
    }
  }

  @Nested
  class PostgresqlFromSnapshotsAfterSigkill extends RestartedServer {
    PostgresqlFromSnapshotsAfterSigkill() {
      super(new Postgresql(), Stop.SIGKILL, Snapshots.EVERY_OTHER_CHANGE);
    }
  }

  /** How the server is stopped before it starts again. */
  enum Stop {
    /** As an operator stops it: the server shuts down and exits 0. */
    SIGTERM(ServerProcess::stopGracefully),
    /** As a crash does: right after the last acknowledgement, with no time to tidy up. */
    SIGKILL(ServerProcess::kill);

    private final Consumer<ServerProcess> how;

    Stop(Consumer<ServerProcess> how) {
      this.how = how;
    }
  }

  /** How often the server saves snapshots, and so what a start reads. */
  enum Snapshots {
    /** Every 1000 changes: a start reads the changes alone. */
    BUILT_IN(""),
    /**
     * Every other change: a start reads the latest snapshots and the changes after them, from a
     * journal whose oldest changes are deleted.
     */
    EVERY_OTHER_CHANGE("parley.persistence.snapshot-every = 2");

    private final String settings;

    Snapshots(String settings) {
      this.settings = settings;
    }
  }

  /** Where the server keeps its data, chosen by settings, and what shows that it is kept there. */
  interface Store extends AutoCloseable {

    /** Why this store cannot be tested here, or empty when it can. */
    Optional<String> whyUnavailable();

    /** Makes the store ready for a server; the settings that choose it, as config file lines. */
    String open();

    void assertHoldsTheServersData(Path dataDir) throws IOException, SQLException;

    @Override
    void close();
  }

  /** {@code store = h2}: a database in the data dir. */
  static final class H2 implements Store {

    @Override
    public Optional<String> whyUnavailable() {
      return Optional.empty();
    }

    @Override
    public String open() {
      return "parley.persistence.store = h2";
    }

    @Override
    public void assertHoldsTheServersData(Path dataDir) throws IOException {
      assertFalse(h2Databases(dataDir).isEmpty(), "no H2 database (*.mv.db) under " + dataDir);
    }

    @Override
    public void close() {}
  }

  /** {@code store = postgresql}: a fresh database of its own. */
  static final class Postgresql implements Store {

    private PostgresDatabase database;

    @Override
    public Optional<String> whyUnavailable() {
      return PostgresDatabase.whyUnavailable();
    }

    @Override
    public String open() {
      database = PostgresDatabase.create();
      return database.serverSettings();
    }

    @Override
    public void assertHoldsTheServersData(Path dataDir) throws IOException, SQLException {
      var rows = database.rowsPerTable();
      assertTrue(
          rows.values().stream().anyMatch(count -> count > 0),
          "rows in the tables the server made in " + database.url() + ": " + rows);
      assertEquals(List.of(), h2Databases(dataDir), "no H2 database instead");
    }

    @Override
    public void close() {
      if (database != null) {
        database.close();
      }
    }
  }

  /**
   * One server, filled, stopped and started again in {@code @BeforeAll}; each test looks at one
   * thing it must have kept.
   */
  @TestInstance(TestInstance.Lifecycle.PER_CLASS)
  abstract static class RestartedServer {

    private static final String LOBBY = "lobby";
    private static final String ALICE = "alice";
    private static final String BOB = "bob";
    private static final String CAROL = "carol";
    // a room is shown as first created, in this letter case
    private static final String PLANS = "Weekend-Plans";
    private static final String ERRANDS = "errands";
    private static final String BUSY = "busy";
    private static final int BURST = 60;
    private static final String FIRST_TOPIC = "Saturday, maybe";
    private static final String SECOND_TOPIC = "Sunday at ten";
    private static final String MAIL = "we go on Sunday, see you there";

    private final Store store;
    private final Stop stop;
    private final Snapshots snapshots;
    private Path directory;
    private Path dataDir;
    private Path config;
    private ServerProcess server;
    private int starts;

    // what the server acknowledged before it stopped
    private List<ServerFrame.Message> plans;
    private List<ServerFrame.Message> errands;
    private ServerFrame.Direct mail;

    RestartedServer(Store store, Stop stop, Snapshots snapshots) {
      this.store = store;
      this.stop = stop;
      this.snapshots = snapshots;
    }

    @BeforeAll
    void fillStopAndStartAgain(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path directory)
        throws IOException {
      if (store.whyUnavailable().isPresent()) {
        return; // each test says why it is skipped
      }
      this.directory = directory;
      dataDir = directory.resolve("data");
      config =
          Files.writeString(
              directory.resolve("server.conf"),
              String.join(
                  "\n",
                  // frames read as fast as they come: one room's messages arrive in a burst
                  "include classpath(\"e2e-fast-flood.conf\")",
                  "parley.data-dir = " + ConfigUtil.quoteString(dataDir.toString()),
                  store.open(),
                  snapshots.settings,
                  ""));
      server = start();
      fill();
      server = start();
    }

    @BeforeEach
    void skipWithoutTheStore() {
      store.whyUnavailable().ifPresent(Assumptions::abort);
    }

    @AfterAll
    void stopTheServerAndDropTheStore() {
      if (server != null) {
        server.close();
      }
      store.close();
    }

    @Test
    void listsTheRoomsWithTheirLatestTopics() {
      try (var reader = RawClient.login(server.address(), Names.nick("reader"))) {
        reader.sendFrame("rooms", "id", "r");
        var rooms = reader.expect(ServerFrame.RoomList.class).rooms();

        assertEquals(SECOND_TOPIC, find(rooms, PLANS).topic(), reader.lastLine());
        assertNull(find(rooms, ERRANDS).topic(), reader.lastLine());
      }
    }

    @Test
    void replaysTheHistoryWithItsSeqsSendersTextsAndTimes() {
      try (var reader = RawClient.login(server.address(), Names.nick("reader"))) {
        reader.sendFrame("join", "id", "j", "room", PLANS.toLowerCase());
        var joined = reader.expect(ServerFrame.Joined.class);

        assertEquals(PLANS, joined.room());
        assertEquals(SECOND_TOPIC, joined.topic());
        assertEquals(plans.size(), joined.replay(), reader.lastLine());
        assertEquals(said(plans), said(replay(reader, joined.replay())));
      }
    }

    @Test
    void pagesTheHistoryAsItDidBefore() {
      try (var reader = RawClient.login(server.address(), Names.nick("reader"))) {
        reader.sendFrame("join", "room", PLANS);
        replay(reader, reader.expect(ServerFrame.Joined.class).replay());

        reader.sendFrame("history", "id", "latest", "room", PLANS);
        assertEquals(said(plans), said(page(reader, "latest")));
        long last = plans.get(plans.size() - 1).seq();
        reader.sendFrame("history", "id", "before", "room", PLANS, "before_seq", last, "limit", 2);
        assertEquals(said(plans.subList(1, 3)), said(page(reader, "before")));
        reader.sendFrame("history", "id", "after", "room", PLANS, "after_seq", last - 1);
        assertEquals(said(plans.subList(3, 4)), said(page(reader, "after")));
      }
    }

    @Test
    void keepsEveryMessageOfABurstThatItAcknowledged() {
      try (var reader = RawClient.login(server.address(), Names.nick("reader"))) {
        reader.sendFrame("join", "room", BUSY);
        replay(reader, reader.expect(ServerFrame.Joined.class).replay());

        reader.sendFrame("history", "id", "all", "room", BUSY, "after_seq", 0, "limit", BURST);
        var kept = page(reader, "all");
        assertEquals(
            LongStream.rangeClosed(1, BURST).mapToObj(Posting::text).toList(),
            kept.stream().map(ServerFrame.Message::text).toList());
        assertEquals(
            LongStream.rangeClosed(1, BURST).boxed().toList(),
            kept.stream().map(ServerFrame.Message::seq).toList());
      }
    }

    @Test
    void continuesTheSeqsWhereTheyStopped() {
      try (var bob = loggedIn(BOB)) {
        expectLobby(bob);
        bob.sendFrame("join", "room", ERRANDS);
        replay(bob, bob.expect(ServerFrame.Joined.class).replay());

        var next = say(bob, ERRANDS, "and eggs");
        assertEquals(errands.get(errands.size() - 1).seq() + 1, next.seq(), bob.lastLine());
      }
    }

    @Test
    void logsTheAccountsInWithTheirPasswordsOnly() {
      try (var client = RawClient.connect(server.address())) {
        client.sendFrame("hello", "id", "none", "nick", ALICE);
        client.expectError(ErrorCode.AUTH_FAILED, FrameId.of("none"));
        client.sendFrame("hello", "id", "wrong", "nick", ALICE, "password", password(BOB));
        client.expectError(ErrorCode.AUTH_FAILED, FrameId.of("wrong"));
        client.sendFrame("hello", "id", "right", "nick", ALICE, "password", password(ALICE));
        client.expect(
            ServerFrame.Welcome.class, welcome -> FrameId.of("right").equals(welcome.re()), "");
      }
      try (var bob = loggedIn(BOB)) {
        expectLobby(bob);
      }
    }

    @Test
    void keepsTheBlocks() {
      try (var alice = loggedIn(ALICE)) {
        expectLobby(alice);
        alice.sendFrame("block", "id", "again", "nick", BOB);
        alice.expectError(ErrorCode.ALREADY_BLOCKED, FrameId.of("again"));

        alice.sendFrame("join", "room", PLANS);
        var joined = alice.expect(ServerFrame.Joined.class);
        var notBobs = plans.stream().filter(message -> !message.from().equals(BOB)).toList();
        assertEquals(notBobs.size(), joined.replay(), "bob's messages are hidden from alice");
        assertEquals(said(notBobs), said(replay(alice, joined.replay())));

        try (var bob = loggedIn(BOB)) {
          expectLobby(bob);
          bob.sendFrame("dm", "id", "d", "to", ALICE, "text", "are we fine?");
          bob.expectError(ErrorCode.BLOCKED, FrameId.of("d"));
        }
      }
    }

    @Test
    void deliversTheKeptMailAtTheNextLoginAndNotAgainAfterAnotherRestart() {
      try (var carol = loggedIn(CAROL)) {
        var delivered = carol.expect(ServerFrame.Direct.class);
        assertEquals(
            new Mail(ALICE, CAROL, MAIL, mail.ts(), true), Mail.of(delivered), carol.lastLine());
        expectLobby(carol);
        // her next frame tells that she has it: it leaves the store before the answer
        carol.sendFrame("ping", "id", "has-it");
        carol.expectPong(FrameId.of("has-it"));

        // right after the delivery, with carol still there
        stop.how.accept(server);
      }
      server = start();

      try (var carol = loggedIn(CAROL)) {
        expectLobby(carol);
      }
    }

    @Test
    void keepsItsDataInTheStoreItIsGiven() throws IOException, SQLException {
      store.assertHoldsTheServersData(dataDir);
    }

    /**
     * Before the restart: three accounts, three rooms, a topic changed, a block, mail for an
     * account that is offline, and a burst of messages; then the server stops, right after the last
     * acknowledgement.
     */
    private void fill() {
      registered(CAROL).close();
      try (var alice = registered(ALICE);
          var bob = registered(BOB)) {
        alice.sendFrame("create", "room", PLANS, "topic", FIRST_TOPIC);
        alice.expect(ServerFrame.Joined.class);
        var said = new ArrayList<ServerFrame.Message>();
        said.add(say(alice, PLANS, "who is in for the weekend?"));
        said.add(say(alice, PLANS, "bring a coat,\nit will rain"));
        bob.sendFrame("join", "room", PLANS);
        replay(bob, bob.expect(ServerFrame.Joined.class).replay());
        alice.expect(ServerFrame.MemberJoined.class);
        said.add(say(bob, PLANS, "I am in"));
        alice.expect(ServerFrame.Message.class);
        said.add(say(alice, PLANS, "then Sunday it is"));
        bob.expect(ServerFrame.Message.class);
        plans = List.copyOf(said);

        alice.sendFrame("topic", "id", "t", "room", PLANS, "topic", SECOND_TOPIC);
        alice.expect(ServerFrame.Topic.class, topic -> FrameId.of("t").equals(topic.re()), "");
        bob.expect(ServerFrame.Topic.class);

        bob.sendFrame("create", "room", ERRANDS);
        bob.expect(ServerFrame.Joined.class);
        errands = List.of(say(bob, ERRANDS, "milk"), say(bob, ERRANDS, "bread"));

        alice.sendFrame("block", "id", "b", "nick", BOB);
        alice.expect(ServerFrame.Ok.class, ok -> FrameId.of("b").equals(ok.re()), "re b");
        alice.sendFrame("dm", "id", "d", "to", CAROL, "text", MAIL);
        mail =
            alice.expect(
                ServerFrame.Direct.class, direct -> Boolean.TRUE.equals(direct.stored()), "kept");

        bob.sendFrame("create", "room", BUSY);
        bob.expect(ServerFrame.Joined.class);
        Posting.post(bob, BUSY, BURST);

        stop.how.accept(server);
      }
    }

    private ServerProcess start() {
      starts++;
      return ServerProcess.start(config, directory.resolve("server-" + starts + ".log"));
    }

    /** Logs in as a guest under {@code nick} and makes the nick an account. */
    private RawClient registered(String nick) {
      var client = RawClient.login(server.address(), nick);
      client.sendFrame("register", "id", "r", "password", password(nick));
      client.expect(ServerFrame.Ok.class, ok -> FrameId.of("r").equals(ok.re()), "re r");
      return client;
    }

    /** Logs in to the account {@code nick} with its password, up to the welcome. */
    private RawClient loggedIn(String nick) {
      var client = RawClient.connect(server.address());
      client.sendFrame("hello", "nick", nick, "password", password(nick));
      client.expect(ServerFrame.Welcome.class, welcome -> welcome.nick().equals(nick), nick);
      return client;
    }

    private static String password(String nick) {
      return "the password of " + nick;
    }

    private static void expectLobby(RawClient client) {
      var lobby =
          client.expect(ServerFrame.Joined.class, joined -> joined.room().equals(LOBBY), "");
      replay(client, lobby.replay());
    }

    /** Says {@code text} and waits for the server to acknowledge it with the echo. */
    private static ServerFrame.Message say(RawClient client, String room, String text) {
      client.sendFrame("say", "id", "s", "room", room, "text", text);
      return client.expect(
          ServerFrame.Message.class, echo -> FrameId.of("s").equals(echo.re()), "echo: " + text);
    }

    private static List<ServerFrame.Message> replay(RawClient client, int count) {
      var messages = new ArrayList<ServerFrame.Message>();
      for (int i = 0; i < count; i++) {
        messages.add(
            client.expect(
                ServerFrame.Message.class, message -> Boolean.TRUE.equals(message.replay()), ""));
      }
      return messages;
    }

    /** The messages of one {@code history} answer, up to its {@code history_end}. */
    private static List<ServerFrame.Message> page(RawClient client, String id) {
      var messages = new ArrayList<ServerFrame.Message>();
      while (true) {
        var frame = client.next();
        if (frame instanceof ServerFrame.HistoryEnd end) {
          assertEquals(FrameId.of(id), end.re(), client.lastLine());
          assertEquals(messages.size(), end.count(), client.lastLine());
          return messages;
        }
        assertTrue(frame instanceof ServerFrame.Message, "a message: " + client.lastLine());
        messages.add((ServerFrame.Message) frame);
      }
    }

    private static ServerFrame.RoomSummary find(List<ServerFrame.RoomSummary> rooms, String room) {
      return rooms.stream()
          .filter(summary -> summary.room().equals(room))
          .findFirst()
          .orElseThrow(() -> new AssertionError(room + " is not among the rooms: " + rooms));
    }
  }

  /** What a message says, wherever it is seen: live, replayed or in a history page. */
  private record Said(long seq, String from, String text, Instant ts) {}

  /** A direct message as its recipient gets it from the mailbox. */
  private record Mail(String from, String to, String text, Instant ts, Boolean offline) {
    static Mail of(ServerFrame.Direct direct) {
      return new Mail(direct.from(), direct.to(), direct.text(), direct.ts(), direct.offline());
    }
  }

  private static List<Said> said(List<ServerFrame.Message> messages) {
    return messages.stream()
        .map(message -> new Said(message.seq(), message.from(), message.text(), message.ts()))
        .toList();
  }

  private static List<Path> h2Databases(Path dataDir) throws IOException {
    if (!Files.isDirectory(dataDir)) {
      return List.of();
    }
    try (var files = Files.walk(dataDir)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".mv.db")).toList();
    }
  }
}
