package dev.parley.client.terminal.window;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The line under the chat, irssi style: {@code [14:03] [alice] [2:#lobby] [Act: 3,4!]}. The
 * activity lists the other windows with something new: the number alone for messages, the number
 * and {@code !} for a line that names the user or a direct message. Scrolled back, it says how many
 * lines are below the view: {@code [+12 PgDn]}.
 */
public final class StatusBar {

  private static final AttributedStyle BAR = AttributedStyle.DEFAULT.inverse();
  private static final AttributedStyle MESSAGE = BAR.bold();
  private static final AttributedStyle HIGHLIGHT =
      BAR.bold().foreground(AttributedStyle.MAGENTA | AttributedStyle.BRIGHT);

  private StatusBar() {}

  /** {@code time} as it is to show; {@code nick} null before the server gave one. */
  public static AttributedString of(String time, String nick, boolean online, Windows windows) {
    var bar = new AttributedStringBuilder().style(BAR);
    bar.append("[" + time + "] ");
    bar.append("[" + (nick == null ? "" : nick) + (online ? "" : " (offline)") + "] ");
    bar.append("[" + windows.currentNumber() + ":" + windows.current().label() + "]");
    List<Windows.Entry> active =
        windows.list().stream().filter(entry -> entry.activity() != Activity.NONE).toList();
    if (!active.isEmpty()) {
      bar.append(" [Act: ");
      for (int i = 0; i < active.size(); i++) {
        Windows.Entry entry = active.get(i);
        if (i > 0) {
          bar.append(",");
        }
        if (entry.activity() == Activity.HIGHLIGHT) {
          bar.styled(HIGHLIGHT, entry.number() + "!");
        } else {
          bar.styled(MESSAGE, String.valueOf(entry.number()));
        }
      }
      bar.append("]");
    }
    if (windows.scrolledBack() > 0) {
      // how many lines PageDown has yet to show, new ones among them
      bar.append(" [+" + windows.scrolledBack() + " PgDn]");
    }
    return bar.toAttributedString();
  }
}
