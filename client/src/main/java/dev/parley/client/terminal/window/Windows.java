package dev.parley.client.terminal.window;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.ToIntFunction;
import org.jline.utils.AttributedString;

/**
 * The windows of the console, as irssi numbers them: 1 is the status window, then rooms and direct
 * conversations in the order they opened. Each keeps its latest lines, how far it is scrolled back,
 * and what came since the user last looked at it. Not thread-safe: the screen holds one lock around
 * it.
 */
public final class Windows {

  /** A window as the status bar and the window list show it; {@code number} from 1. */
  public record Entry(int number, Conversation conversation, Activity activity) {}

  private static final class Window {
    private final Conversation conversation;
    private final Deque<AttributedString> lines = new ArrayDeque<>();
    private Activity activity = Activity.NONE;
    // how many of the latest lines are below the view: 0, the view follows what comes
    private int scrolledBack;

    private Window(Conversation conversation) {
      this.conversation = conversation;
    }
  }

  private final int scrollbackLines;
  private final List<Window> windows = new ArrayList<>();
  private Window current;

  /** {@code scrollbackLines}: the most lines one window keeps. */
  public Windows(int scrollbackLines) {
    if (scrollbackLines < 1) {
      throw new IllegalArgumentException("a window keeps at least one line");
    }
    this.scrollbackLines = scrollbackLines;
    current = new Window(Conversation.Status.INSTANCE);
    windows.add(current);
  }

  public Conversation current() {
    return current.conversation;
  }

  public int currentNumber() {
    return windows.indexOf(current) + 1;
  }

  /** Every window, by number. */
  public List<Entry> list() {
    List<Entry> entries = new ArrayList<>();
    for (int i = 0; i < windows.size(); i++) {
      Window window = windows.get(i);
      entries.add(new Entry(i + 1, window.conversation, window.activity));
    }
    return entries;
  }

  /** The window's number, or 0 when it is not open. */
  public int number(Conversation conversation) {
    Window window = find(conversation);
    return window == null ? 0 : windows.indexOf(window) + 1;
  }

  /** Opens a window for {@code conversation} after the others, unless it is open already. */
  public void open(Conversation conversation) {
    if (find(conversation) == null) {
      windows.add(new Window(conversation));
    }
  }

  /**
   * Closes the window of {@code conversation}; the status window stays. When it was the current
   * one, the window before it becomes current. The windows after it move up one number.
   */
  public void close(Conversation conversation) {
    Window window = find(conversation);
    if (window == null || window.conversation == Conversation.Status.INSTANCE) {
      return;
    }
    int index = windows.indexOf(window);
    windows.remove(index);
    if (window == current) {
      look(windows.get(index - 1));
    }
  }

  /**
   * Adds a line to the window of {@code conversation}, opening it when needed; the oldest line goes
   * once the window keeps as many as it may. The window notes {@code activity} unless the user
   * looks at it. Returns whether the line is in view now: the window is the current one and not
   * scrolled back, whose view stays where it is.
   */
  public boolean add(Conversation conversation, AttributedString line, Activity activity) {
    open(conversation);
    Window window = find(conversation);
    window.lines.addLast(line);
    if (window.lines.size() > scrollbackLines) {
      window.lines.removeFirst();
    }
    if (window.scrolledBack > 0) {
      window.scrolledBack = Math.min(window.scrolledBack + 1, window.lines.size() - 1);
    }
    if (window != current) {
      window.activity = window.activity.atLeast(activity);
      return false;
    }
    return window.scrolledBack == 0;
  }

  /** Makes window {@code number} the current one; false when there is none of that number. */
  public boolean switchTo(int number) {
    if (number < 1 || number > windows.size()) {
      return false;
    }
    look(windows.get(number - 1));
    return true;
  }

  /** Makes the window of {@code conversation} the current one; false when it is not open. */
  public boolean switchTo(Conversation conversation) {
    Window window = find(conversation);
    if (window == null) {
      return false;
    }
    look(window);
    return true;
  }

  /** The window after the current one, after the last the first. */
  public void next() {
    look(windows.get((windows.indexOf(current) + 1) % windows.size()));
  }

  /** The window before the current one, before the first the last. */
  public void previous() {
    int index = windows.indexOf(current);
    look(windows.get(index == 0 ? windows.size() - 1 : index - 1));
  }

  /** How many of the current window's latest lines are below its view. */
  public int scrolledBack() {
    return current.scrolledBack;
  }

  /**
   * The lines of the current window that fill {@code height} rows and end where its view ends;
   * {@code rows}: how many rows a line takes. The last line shows even when it alone is higher.
   */
  public List<AttributedString> view(int height, ToIntFunction<AttributedString> rows) {
    List<AttributedString> lines = new ArrayList<>(current.lines);
    int end = lines.size() - current.scrolledBack;
    int start = startFilling(lines, end, height, rows);
    return List.copyOf(lines.subList(start, end));
  }

  /** Scrolls the current window back to the lines just above its view; the first line stays. */
  public void pageUp(int height, ToIntFunction<AttributedString> rows) {
    List<AttributedString> lines = new ArrayList<>(current.lines);
    int end = lines.size() - current.scrolledBack;
    int start = startFilling(lines, end, height, rows);
    current.scrolledBack = lines.size() - Math.max(start, Math.min(1, lines.size()));
  }

  /** Scrolls the current window on by the lines that fill {@code height} rows below its view. */
  public void pageDown(int height, ToIntFunction<AttributedString> rows) {
    List<AttributedString> lines = new ArrayList<>(current.lines);
    int end = lines.size() - current.scrolledBack;
    int used = 0;
    while (end < lines.size() && used + rows.applyAsInt(lines.get(end)) <= height) {
      used += rows.applyAsInt(lines.get(end));
      end++;
    }
    if (end == lines.size() - current.scrolledBack && end < lines.size()) {
      // a line higher than the screen: it alone is the next page
      end++;
    }
    current.scrolledBack = lines.size() - end;
  }

  /** Back to the latest lines of the current window. */
  public void scrollToEnd() {
    current.scrolledBack = 0;
  }

  private static int startFilling(
      List<AttributedString> lines, int end, int height, ToIntFunction<AttributedString> rows) {
    int start = end;
    int used = 0;
    while (start > 0 && (start == end || used + rows.applyAsInt(lines.get(start - 1)) <= height)) {
      used += rows.applyAsInt(lines.get(start - 1));
      start--;
    }
    return start;
  }

  private void look(Window window) {
    current = window;
    window.activity = Activity.NONE;
  }

  private Window find(Conversation conversation) {
    // a room's key starts with #, which no nick has
    String key = conversation.key();
    for (Window window : windows) {
      if (window.conversation.key().equals(key)) {
        return window;
      }
    }
    return null;
  }
}
