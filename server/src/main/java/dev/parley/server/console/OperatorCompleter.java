package dev.parley.server.console;

import dev.parley.server.ParleyServer;
import dev.parley.server.session.ConnectionInfo;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;

/**
 * Tab completion at the operator's prompt: the command words at the start of a line, and the nicks
 * online after {@code /kick}, asked of the server at each Tab.
 */
final class OperatorCompleter implements Completer {

  // Tab waits this long for the server, at most, before it offers no nick
  private static final Duration NICKS_TIMEOUT = Duration.ofSeconds(2);

  private final Supplier<List<String>> nicksOnline;

  OperatorCompleter(Supplier<List<String>> nicksOnline) {
    this.nicksOnline = nicksOnline;
  }

  /** Completes the nicks of {@code server}'s connections. */
  static OperatorCompleter of(ParleyServer server) {
    return new OperatorCompleter(() -> nicksOnline(server));
  }

  @Override
  public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
    List<String> words = line.words();
    int index = line.wordIndex();
    if (index == 0 && line.word().startsWith("/")) {
      for (OperatorCommand command : OperatorCommand.values()) {
        candidates.add(
            new Candidate(
                command.word(), command.word(), null, command.summary(), null, null, true));
      }
    } else if (index == 1 && words.get(0).equals(OperatorCommand.KICK.word())) {
      for (String nick : nicksOnline.get()) {
        candidates.add(new Candidate(nick, nick, null, null, null, null, true));
      }
    }
  }

  private static List<String> nicksOnline(ParleyServer server) {
    try {
      return server
          .connections()
          .toCompletableFuture()
          .get(NICKS_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
          .stream()
          .map(ConnectionInfo::nick)
          .filter(Objects::nonNull)
          .sorted(String.CASE_INSENSITIVE_ORDER)
          .toList();
    } catch (ExecutionException | TimeoutException e) {
      return List.of();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return List.of();
    }
  }
}
