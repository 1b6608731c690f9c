package dev.parley.server.console;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.ParleyServer;
import dev.parley.server.session.ConnectionInfo;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * What the operator's lines do: plain text is a notice to everyone online; the commands list
 * connections and rooms, kick a user, or shut the server down. Answers go to {@code out}.
 */
final class OperatorCommands {

  private static final long ANSWER_TIMEOUT_SECONDS = 10;
  private static final DateTimeFormatter SINCE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private final ParleyServer server;
  private final PrintWriter out;
  private final ZoneId zone;

  OperatorCommands(ParleyServer server, PrintWriter out, ZoneId zone) {
    this.server = server;
    this.out = out;
    this.zone = zone;
  }

  /** Carries out one line; false once the server is being shut down. */
  boolean execute(String line) {
    if (line.isEmpty()) {
      return true;
    }
    if (!line.startsWith("/")) {
      server.announce(line);
      out.println("Notice sent.");
      return true;
    }
    String[] words = line.split("\\s+", 3);
    var command = OperatorCommand.byWord(words[0]);
    if (command.isEmpty()) {
      out.println("Unknown command " + words[0] + "; /help lists them.");
      return true;
    }
    switch (command.get()) {
      case WHO -> who();
      case ROOMS -> rooms();
      case KICK -> kick(words);
      case SHUTDOWN -> {
        return !shutdown(words);
      }
      case HELP -> help();
    }
    return true;
  }

  private void help() {
    out.println("Type text to send it to everyone online as a notice, or a command:");
    for (OperatorCommand command : OperatorCommand.values()) {
      out.printf("  %-24s %s%n", command.usage(), command.summary());
    }
  }

  private void who() {
    List<ConnectionInfo> connections = await(server.connections());
    if (connections == null) {
      return;
    }
    out.println(connections.size() + " connection(s)");
    for (ConnectionInfo connection : connections) {
      out.printf(
          "  %-16s %-22s since %s  rooms: %s%n",
          connection.nick() == null ? "(no hello yet)" : connection.nick(),
          connection.address(),
          SINCE.format(LocalDateTime.ofInstant(connection.since(), zone)),
          connection.rooms().isEmpty() ? "-" : String.join(", ", connection.rooms()));
    }
  }

  private void rooms() {
    List<ServerFrame.RoomSummary> rooms = await(server.rooms());
    if (rooms == null) {
      return;
    }
    out.println(rooms.size() + " room(s)");
    for (ServerFrame.RoomSummary room : rooms) {
      out.printf(
          "  %-32s %4d member(s)  %s%n",
          room.room(), room.members(), room.topic() == null ? "" : room.topic());
    }
  }

  private void kick(String[] words) {
    if (words.length < 2) {
      out.println("Usage: " + OperatorCommand.KICK.usage());
      return;
    }
    // none typed: the user is told only that the operator kicked it, the rooms no reason
    String reason = words.length == 3 ? words[2] : null;
    Boolean kicked = await(server.kick(words[1], reason));
    if (kicked != null) {
      out.println(
          kicked ? "Kicked " + words[1] + "." : "Nobody called " + words[1] + " is online.");
    }
  }

  private boolean shutdown(String[] words) {
    long seconds;
    try {
      seconds = words.length > 1 ? Long.parseLong(words[1]) : 0;
    } catch (NumberFormatException e) {
      seconds = -1;
    }
    if (seconds < 0 || words.length > 2) {
      out.println("Usage: " + OperatorCommand.SHUTDOWN.usage());
      return false;
    }
    if (seconds > 0) {
      server.announce("The server shuts down in " + seconds + " s.");
      out.println("Shutting down in " + seconds + " s.");
      try {
        Thread.sleep(Duration.ofSeconds(seconds).toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    out.println("Shutting down.");
    server.shutdown();
    return true;
  }

  private <T> T await(CompletionStage<T> answer) {
    try {
      return answer.toCompletableFuture().get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException | TimeoutException e) {
      out.println("The server did not answer in time.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return null;
  }
}
