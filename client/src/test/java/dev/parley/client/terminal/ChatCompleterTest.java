package dev.parley.client.terminal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.parley.client.command.SlashCommand;
import dev.parley.protocol.DepartureReason;
import dev.parley.protocol.ServerFrame;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jline.reader.Candidate;
import org.jline.reader.Parser;
import org.jline.reader.impl.DefaultParser;
import org.junit.jupiter.api.Test;

class ChatCompleterTest {

  private final SeenNames names = new SeenNames();
  private final List<String> serverRooms = new ArrayList<>();
  private int fetches;
  private final ChatCompleter completer =
      new ChatCompleter(
          names,
          () -> "alice",
          () -> {
            fetches++;
            names.rooms(serverRooms);
          });

  private List<String> complete(String line) {
    var parsed = new DefaultParser().parse(line, line.length(), Parser.ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parsed, candidates);
    return candidates.stream().map(Candidate::value).toList();
  }

  private void seeLobbyWithBobAndCarol() {
    names.note(new ServerFrame.Joined(null, "lobby", null, List.of("alice", "bob"), 0));
    names.note(new ServerFrame.MemberJoined("Dev", "Carol", Instant.now()));
  }

  @Test
  void aSlashAtTheStartCompletesCommands() {
    List<String> commands = complete("/jo");
    assertTrue(commands.contains("/join"));
    assertEquals(SlashCommand.values().length, commands.size());
    assertTrue(complete("/ms").contains("/msg"));
  }

  @Test
  void commandsThatTakeANickCompleteNicksButOurOwn() {
    seeLobbyWithBobAndCarol();
    assertEquals(List.of("bob", "Carol"), complete("/msg "));
    assertEquals(List.of("bob", "Carol"), complete("/block b"));
    assertEquals(List.of("bob", "Carol"), complete("/msg bob hi c"));
    assertEquals(List.of(), complete("/block bob "));
    assertEquals(List.of(), complete("/register "));
  }

  @Test
  void nicksSeenInDirectMessagesAreCompleted() {
    names.note(new ServerFrame.Direct(null, "dave", "alice", "psst", Instant.now(), null, null));
    assertEquals(List.of("dave"), complete("/msg "));
  }

  @Test
  void commandsThatTakeARoomCompleteRoomNames() {
    seeLobbyWithBobAndCarol();
    assertEquals(List.of("Dev", "lobby"), complete("/join "));
    assertEquals(List.of("Dev", "lobby"), complete("/who l"));
  }

  @Test
  void leaveCompletesOnlyTheRoomsWeAreIn() {
    seeLobbyWithBobAndCarol();
    names.joined(List.of("lobby"), "lobby");
    assertEquals(List.of("lobby"), complete("/leave "));
    assertEquals(List.of("#lobby"), complete("/leave #"));
    assertEquals(List.of("lobby"), complete("/kick "));
    assertEquals(0, fetches);
  }

  @Test
  void joinAndWhoCompleteTheRoomsTheServerHasNotOnlyThoseSeen() {
    seeLobbyWithBobAndCarol();
    serverRooms.addAll(List.of("lobby", "zoo"));
    assertEquals(List.of("Dev", "lobby", "zoo"), complete("/join "));
    assertEquals(1, fetches);
    assertEquals(List.of("#Dev", "#lobby", "#zoo"), complete("/who #"));
    assertEquals(2, fetches);
  }

  @Test
  void textCompletesTheNicksOfTheCurrentRoom() {
    seeLobbyWithBobAndCarol();
    names.joined(List.of("lobby"), "lobby");
    // Carol is in Dev, not in the lobby
    assertEquals(List.of("bob:"), complete("b"));
    assertEquals(List.of("bob"), complete("hi "));
    names.note(new ServerFrame.MemberJoined("lobby", "dave", Instant.now()));
    assertEquals(List.of("bob", "dave"), complete("hi "));
    names.note(new ServerFrame.MemberLeft("lobby", "bob", DepartureReason.QUIT, Instant.now()));
    assertEquals(List.of("dave"), complete("hi "));
    // what /msg takes is anyone seen
    assertEquals(List.of("bob", "Carol", "dave"), complete("/msg "));
  }

  @Test
  void kickCompletesTheMembersOfTheRoomNamed() {
    seeLobbyWithBobAndCarol();
    names.note(new ServerFrame.Members(null, "dev", List.of("Carol", "erin"), List.of()));
    assertEquals(List.of("Carol", "erin"), complete("/kick #dev "));
    assertEquals(List.of("bob"), complete("/kick lobby "));
  }

  @Test
  void theCommandMenuShowsUsageAndSummaryInColumns() {
    var parsed = new DefaultParser().parse("/", 1, Parser.ParseContext.COMPLETE);
    List<Candidate> candidates = new ArrayList<>();
    completer.complete(null, parsed, candidates);
    var columns =
        candidates.stream()
            .map(
                candidate -> {
                  var command = SlashCommand.byWord(candidate.value()).orElseThrow();
                  assertTrue(candidate.displ().startsWith(command.usage() + "  "));
                  return candidate.displ().indexOf(command.summary());
                })
            .distinct()
            .toList();
    assertEquals(1, columns.size(), columns.toString());
  }

  @Test
  void aRoomTypedWithAHashIsCompletedWithIt() {
    seeLobbyWithBobAndCarol();
    assertEquals(List.of("#Dev", "#lobby"), complete("/join #de"));
    assertEquals(List.of("#Dev", "#lobby"), complete("/who #"));
  }

  @Test
  void textCompletesTheNicksSeenButOurOwn() {
    seeLobbyWithBobAndCarol();
    assertEquals(List.of("bob:", "Carol:"), complete("b"));
    assertEquals(List.of("bob", "Carol"), complete("hi b"));
    assertEquals(List.of("bob", "Carol"), complete("/topic ask "));
  }

  @Test
  void numbersAreNotCompleted() {
    seeLobbyWithBobAndCarol();
    assertEquals(List.of(), complete("/users "));
  }

  @Test
  void sendCompletesNicksAndTheRoomsWeAreInWithTheirHash() {
    seeLobbyWithBobAndCarol();
    names.joined(List.of("lobby"), "lobby");
    assertEquals(List.of("bob", "Carol", "#lobby"), complete("/send "));
  }
}
