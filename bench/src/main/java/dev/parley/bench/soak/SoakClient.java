package dev.parley.bench.soak;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * One soak client, on a thread of its own, with its own seeded {@link Random}: sessions one after
 * another until the deadline, each a login (as a guest, to an account it registered earlier, or
 * first with a wrong password to the decoy account), a few joins, leaves and says at a modest pace,
 * and an end by {@code quit} or by dropping the socket. The last session always quits.
 */
final class SoakClient implements Runnable {

  private static final Set<String> WELCOME_OR_ERROR = Set.of("welcome", "error");
  private static final Set<String> JOINED_OR_ERROR = Set.of("joined", "error");
  private static final Set<String> LEFT_OR_ERROR = Set.of("left", "error");
  private static final Set<String> OK_OR_ERROR = Set.of("ok", "error");
  private static final Set<String> MESSAGE_OR_ERROR = Set.of("message", "error");
  private static final Set<String> BYE = Set.of("bye");

  /** What every client shares: where and how long, the rooms, the decoy, the tally. */
  record Plan(
      InetSocketAddress server,
      List<String> rooms,
      String decoyNick,
      long deadlineNanos,
      Duration answerTimeout,
      int meanPauseMillis) {}

  private final Plan plan;
  private final int index;
  private final Random random;
  private final SoakTally tally;
  private final Ledger ledger = new Ledger();
  private final List<String> accounts = new ArrayList<>();
  private int sessions;
  private long says;

  SoakClient(Plan plan, int index, long seed, SoakTally tally) {
    this.plan = plan;
    this.index = index;
    this.random = new Random(seed * 1_000_003L + index);
    this.tally = tally;
  }

  Ledger ledger() {
    return ledger;
  }

  @Override
  public void run() {
    while (System.nanoTime() < plan.deadlineNanos()) {
      try {
        session();
      } catch (IOException | RuntimeException e) {
        tally.surprise("client " + index + ": " + e);
      }
      pauseBetweenSessions();
    }
  }

  private void session() throws IOException {
    sessions++;
    var joined = new LinkedHashSet<String>();
    try (var connection = SoakConnection.open(plan.server(), plan.answerTimeout())) {
      tally.connections.incrementAndGet();
      login(connection);
      int steps = 5 + random.nextInt(40);
      for (int step = 0; step < steps && System.nanoTime() < plan.deadlineNanos(); step++) {
        step(connection, joined);
        connection.idle(pause());
      }
      if (System.nanoTime() >= plan.deadlineNanos() || random.nextBoolean()) {
        JsonNode bye = connection.ask(SoakConnection.frame("quit"), BYE);
        expect(bye, "quit", "reason", "quit");
        tally.quits.incrementAndGet();
      } else {
        tally.drops.incrementAndGet();
      }
    }
  }

  private void login(SoakConnection connection) throws IOException {
    int choice = random.nextInt(100);
    if (choice < 10) {
      var wrong =
          SoakConnection.frame("hello")
              .put("nick", plan.decoyNick())
              .put("password", "wrong-" + random.nextInt(1_000_000));
      JsonNode answer = connection.ask(wrong, WELCOME_OR_ERROR);
      String code = answer.path("code").asText();
      if (code.equals("auth_failed") || code.equals("locked_out")) {
        tally.loginsFailedAsExpected.incrementAndGet();
      } else if (code.equals("server_busy")) {
        tally.serverBusy.incrementAndGet();
      } else {
        tally.surprise("client " + index + ": a wrong password answered " + answer);
      }
    } else if (choice < 30 && !accounts.isEmpty()) {
      String nick = accounts.get(random.nextInt(accounts.size()));
      var hello =
          SoakConnection.frame("hello")
              .put("nick", nick)
              .put("password", password(nick))
              .put("take_over", true);
      JsonNode answer = connection.ask(hello, WELCOME_OR_ERROR);
      if (answer.path("type").asText().equals("welcome")) {
        tally.accountLogins.incrementAndGet();
        return;
      }
      if (answer.path("code").asText().equals("server_busy")) {
        tally.serverBusy.incrementAndGet();
      } else {
        tally.surprise("client " + index + ": the login of " + nick + " answered " + answer);
      }
    }
    // client index and session number: unique, and never an account's nick
    String nick = "s" + index + "x" + sessions;
    JsonNode welcome =
        connection.ask(SoakConnection.frame("hello").put("nick", nick), WELCOME_OR_ERROR);
    if (!welcome.path("type").asText().equals("welcome")) {
      throw new IOException("the guest hello of " + nick + " answered " + welcome);
    }
    tally.guestLogins.incrementAndGet();
    if (random.nextInt(100) < 5) {
      JsonNode answer =
          connection.ask(
              SoakConnection.frame("register").put("password", password(nick)), OK_OR_ERROR);
      if (answer.path("type").asText().equals("ok")) {
        accounts.add(nick);
        tally.registrations.incrementAndGet();
      } else if (answer.path("code").asText().equals("server_busy")) {
        tally.serverBusy.incrementAndGet();
      } else {
        tally.surprise("client " + index + ": register answered " + answer);
      }
    }
  }

  private void step(SoakConnection connection, Set<String> joined) throws IOException {
    int choice = random.nextInt(100);
    if (joined.isEmpty() || choice < 15) {
      String room = plan.rooms().get(random.nextInt(plan.rooms().size()));
      JsonNode answer =
          connection.ask(SoakConnection.frame("join").put("room", room), JOINED_OR_ERROR);
      expect(answer, "join " + room, "type", "joined");
      joined.add(room);
      tally.joins.incrementAndGet();
    } else if (choice < 25 && joined.size() > 1) {
      String room = pick(joined);
      JsonNode answer =
          connection.ask(SoakConnection.frame("leave").put("room", room), LEFT_OR_ERROR);
      expect(answer, "leave " + room, "type", "left");
      joined.remove(room);
      tally.leaves.incrementAndGet();
    } else {
      String room = pick(joined);
      String text = "c" + index + " s" + sessions + " m" + says++ + " " + random.nextInt(1 << 30);
      JsonNode echo =
          connection.ask(
              SoakConnection.frame("say").put("room", room).put("text", text), MESSAGE_OR_ERROR);
      expect(echo, "say in " + room, "type", "message");
      if (!echo.path("text").asText().equals(text) || !echo.path("room").asText().equals(room)) {
        tally.surprise("client " + index + ": the echo of " + text + " was " + echo);
        return;
      }
      ledger.acknowledge(new Ledger.Message(room, echo.path("seq").asLong(), text));
      tally.saysAcknowledged.incrementAndGet();
    }
  }

  private void expect(JsonNode answer, String what, String field, String value) throws IOException {
    if (!answer.path(field).asText().equals(value)) {
      throw new IOException(what + " answered " + answer);
    }
  }

  private String pick(Set<String> rooms) {
    int skip = random.nextInt(rooms.size());
    return rooms.stream().skip(skip).findFirst().orElseThrow();
  }

  private Duration pause() {
    return Duration.ofMillis(plan.meanPauseMillis() / 2 + random.nextInt(plan.meanPauseMillis()));
  }

  private void pauseBetweenSessions() {
    try {
      Thread.sleep(100 + random.nextInt(900));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String password(String nick) {
    return "soak-password-" + nick;
  }
}
