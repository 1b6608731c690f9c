package dev.parley.client.terminal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.IntStream;
import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class WindowsTest {

  private static final Conversation LOBBY = new Conversation.Room("lobby");
  private static final Conversation DEV = new Conversation.Room("dev");
  private static final Conversation BOB = new Conversation.Direct("bob");

  private static AttributedString line(String text) {
    return new AttributedString(text);
  }

  private static List<String> shown(Windows windows, int height) {
    return windows.view(height, line -> 1).stream().map(AttributedString::toString).toList();
  }

  @Test
  void twoRoomsAndADirectConversationAreWindowsTwoToFourAfterTheStatusWindow() {
    var windows = new Windows(100);
    windows.open(LOBBY);
    windows.open(DEV);
    windows.add(BOB, line("*bob*: hi"), Activity.HIGHLIGHT);
    assertEquals(
        List.of(Conversation.Status.INSTANCE, LOBBY, DEV, BOB),
        windows.list().stream().map(Windows.Entry::conversation).toList());
    assertEquals(1, windows.currentNumber());
    assertEquals(Conversation.Status.INSTANCE, windows.current());
  }

  @Test
  void aRoomIsTheSameWindowInAnyLetterCase() {
    var windows = new Windows(100);
    windows.open(LOBBY);
    windows.open(new Conversation.Room("Lobby"));
    assertEquals(2, windows.list().size());
    assertEquals(2, windows.number(new Conversation.Room("LOBBY")));
  }

  @Test
  void aLineInAnotherWindowMarksItAndLookingAtItClearsTheMark() {
    var windows = new Windows(100);
    windows.open(LOBBY);
    windows.open(DEV);
    windows.switchTo(LOBBY);
    assertFalse(windows.add(DEV, line("<bob> hi"), Activity.MESSAGE));
    assertTrue(windows.add(LOBBY, line("<ann> hello"), Activity.MESSAGE));
    assertEquals(Activity.MESSAGE, windows.list().get(2).activity());
    assertEquals(Activity.NONE, windows.list().get(1).activity());

    windows.add(DEV, line("<bob> alice?"), Activity.HIGHLIGHT);
    windows.add(DEV, line("<bob> later"), Activity.MESSAGE);
    assertEquals(Activity.HIGHLIGHT, windows.list().get(2).activity());
    windows.switchTo(3);
    assertEquals(Activity.NONE, windows.list().get(2).activity());
    assertEquals(List.of("<bob> hi", "<bob> alice?", "<bob> later"), shown(windows, 10));
  }

  @Test
  void nextAndPreviousGoRoundTheWindows() {
    var windows = new Windows(100);
    windows.open(LOBBY);
    windows.open(BOB);
    windows.next();
    assertEquals(LOBBY, windows.current());
    windows.next();
    windows.next();
    assertEquals(Conversation.Status.INSTANCE, windows.current());
    windows.previous();
    assertEquals(BOB, windows.current());
    assertFalse(windows.switchTo(4));
    assertEquals(BOB, windows.current());
  }

  @Test
  void closingTheCurrentWindowGoesToTheOneBeforeAndRenumbersTheRest() {
    var windows = new Windows(100);
    windows.open(LOBBY);
    windows.open(DEV);
    windows.open(BOB);
    windows.switchTo(DEV);
    windows.close(DEV);
    assertEquals(LOBBY, windows.current());
    assertEquals(3, windows.number(BOB));
    windows.close(Conversation.Status.INSTANCE);
    assertEquals(1, windows.number(Conversation.Status.INSTANCE));
  }

  @Test
  void aWindowKeepsItsLatestLinesOnly() {
    var windows = new Windows(3);
    IntStream.rangeClosed(1, 5).forEach(i -> windows.add(LOBBY, line("m" + i), Activity.MESSAGE));
    windows.switchTo(LOBBY);
    assertEquals(List.of("m3", "m4", "m5"), shown(windows, 10));
  }

  @Test
  void pageUpShowsTheLinesAboveAndPageDownComesBack() {
    var windows = new Windows(100);
    IntStream.rangeClosed(1, 10).forEach(i -> windows.add(LOBBY, line("m" + i), Activity.NONE));
    windows.switchTo(LOBBY);
    assertEquals(List.of("m7", "m8", "m9", "m10"), shown(windows, 4));
    windows.pageUp(4, line -> 1);
    assertEquals(List.of("m3", "m4", "m5", "m6"), shown(windows, 4));
    assertEquals(4, windows.scrolledBack());
    windows.pageUp(4, line -> 1);
    windows.pageUp(4, line -> 1);
    // the first line stays in view
    assertEquals(List.of("m1"), shown(windows, 4));
    windows.pageDown(4, line -> 1);
    assertEquals(List.of("m2", "m3", "m4", "m5"), shown(windows, 4));
    windows.pageDown(4, line -> 1);
    windows.pageDown(4, line -> 1);
    assertEquals(0, windows.scrolledBack());
    assertEquals(List.of("m7", "m8", "m9", "m10"), shown(windows, 4));
  }

  @Test
  void whileScrolledBackANewLineLeavesTheViewWhereItIs() {
    var windows = new Windows(100);
    IntStream.rangeClosed(1, 6).forEach(i -> windows.add(LOBBY, line("m" + i), Activity.NONE));
    windows.switchTo(LOBBY);
    windows.pageUp(3, line -> 1);
    assertFalse(windows.add(LOBBY, line("m7"), Activity.MESSAGE));
    assertEquals(List.of("m1", "m2", "m3"), shown(windows, 3));
    windows.scrollToEnd();
    assertEquals(List.of("m5", "m6", "m7"), shown(windows, 3));
  }

  @Test
  void aViewCountsTheRowsOfWrappedLines() {
    var windows = new Windows(100);
    windows.add(LOBBY, line("short"), Activity.NONE);
    windows.add(LOBBY, line("tall"), Activity.NONE);
    windows.add(LOBBY, line("last"), Activity.NONE);
    windows.switchTo(LOBBY);
    assertEquals(
        List.of("tall", "last"),
        windows.view(4, line -> line.toString().equals("tall") ? 3 : 1).stream()
            .map(AttributedString::toString)
            .toList());
  }
}
