package dev.parley.client.terminal.window;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.jline.utils.AttributedString;
import org.junit.jupiter.api.Test;

class StatusBarTest {

  @Test
  void showsTheTimeTheNickTheCurrentWindowAndTheWindowsWithActivity() {
    var windows = new Windows(100);
    windows.open(new Conversation.Room("lobby"));
    windows.open(new Conversation.Room("dev"));
    windows.switchTo(2);
    windows.add(new Conversation.Room("dev"), new AttributedString("<bob> hi"), Activity.MESSAGE);
    windows.add(
        new Conversation.Direct("bob"), new AttributedString("*bob*: psst"), Activity.HIGHLIGHT);
    assertEquals(
        "[14:03] [alice] [2:#lobby] [Act: 3,4!]",
        StatusBar.of("14:03", "alice", true, windows).toString());
  }

  @Test
  void saysWhenOfflineAndWhenScrolledBack() {
    var windows = new Windows(100);
    for (int i = 0; i < 5; i++) {
      windows.add(Conversation.Status.INSTANCE, new AttributedString("line " + i), Activity.NONE);
    }
    windows.pageUp(2, line -> 1);
    assertEquals(
        "[14:03] [alice (offline)] [1:status] [+2 PgDn]",
        StatusBar.of("14:03", "alice", false, windows).toString());
  }
}
