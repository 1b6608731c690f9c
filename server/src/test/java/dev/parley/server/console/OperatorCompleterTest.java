package dev.parley.server.console;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

/** What Tab offers at the operator's prompt, for a line typed up to its end. */
class OperatorCompleterTest {

  private final OperatorCompleter completer =
      new OperatorCompleter(() -> List.of("alice", "Bob", "carol"));

  private List<String> offered(String typed) {
    var candidates = new ArrayList<Candidate>();
    completer.complete(null, new DefaultParser().parse(typed, typed.length()), candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  @Test
  void offersEveryCommandAtTheStartOfALine() {
    assertEquals(List.of("/who", "/rooms", "/kick", "/shutdown", "/help"), offered("/ki"));
  }

  @Test
  void offersTheNicksOnlineAfterKick() {
    assertEquals(List.of("alice", "Bob", "carol"), offered("/kick a"));
  }

  @Test
  void offersNoNickForTheReasonOfAKick() {
    assertEquals(List.of(), offered("/kick alice sp"));
  }

  @Test
  void offersNoNickAfterACommandThatTakesNone() {
    assertEquals(List.of(), offered("/who a"));
  }

  @Test
  void offersNothingInANotice() {
    assertEquals(List.of(), offered("maint"));
  }
}
