package dev.parley.client.terminal;

import static java.util.stream.Collectors.toSet;

import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.files.FileEvent;
import dev.parley.client.render.FrameRenderer;
import dev.parley.client.terminal.window.Activity;
import dev.parley.client.terminal.window.Conversation;
import dev.parley.client.terminal.window.StatusBar;
import dev.parley.client.terminal.window.WindowOf;
import dev.parley.client.terminal.window.Windows;
import dev.parley.client.terminal.window.WordWrap;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.apache.pekko.actor.Cancellable;
import org.apache.pekko.actor.typed.ActorSystem;
import org.jline.keymap.KeyMap;
import org.jline.reader.Binding;
import org.jline.reader.LineReader;
import org.jline.reader.Reference;
import org.jline.terminal.Terminal;
import org.jline.utils.AttributedString;
import org.jline.utils.InfoCmp;
import org.jline.utils.Status;

/**
 * The console's windows on the terminal, irssi style: each room and direct conversation has one,
 * window 1 is the status window, and the screen shows the current window's lines above the input
 * line, with a status bar under them. Alt+1..9 (Alt+0: 10), Alt+Left/Right and Ctrl-P/Ctrl-N
 * switch; PageUp/PageDown scroll the current window back and on. On a terminal that cannot keep a
 * status bar (a dumb one) all windows share one stream, whose lines name their room, as before; the
 * current window is then only where plain text goes.
 */
final class WindowScreen {

  private static final DateTimeFormatter BAR_TIME = DateTimeFormatter.ofPattern("HH:mm");
  // how often the status bar's time is shown anew
  private static final Duration CLOCK_TICK = Duration.ofSeconds(20);

  private final Terminal terminal;
  private final ChatLineReader reader;
  private final FrameRenderer renderer;
  private final FrameRenderer inRoomWindow;
  private final boolean colours;
  private final boolean bell;
  // the screen shows one window at a time, with a status bar
  private final boolean windowed;
  private final Clock clock;
  // told, holding the lock, when the current window changed
  private final Runnable switched;
  // guarded by the line editor's lock
  private final Windows windows;
  private String nick;
  private boolean online;
  // the rooms the user was in at the last prompt change
  private Set<String> rooms = Set.of();
  // the lines of having left a room or been kicked out, until its window closed
  private final List<AttributedString> leaving = new ArrayList<>();
  // the progress of each file transfer under way, at the end of the status bar
  private final Map<Long, String> transfers = new TreeMap<>();

  WindowScreen(
      Terminal terminal,
      ChatLineReader reader,
      FrameRenderer renderer,
      ConsoleSettings settings,
      boolean colours,
      boolean dumb,
      Runnable switched) {
    this.terminal = terminal;
    this.reader = reader;
    this.renderer = renderer;
    this.inRoomWindow = renderer.withoutRoomNames();
    this.colours = colours;
    this.bell = settings.bell();
    this.windowed = !dumb && canKeepAStatusBar(terminal);
    this.clock = Clock.systemDefaultZone();
    this.switched = switched;
    this.windows = new Windows(settings.scrollbackLines());
    if (windowed) {
      bindKeys();
    }
  }

  private static boolean canKeepAStatusBar(Terminal terminal) {
    return terminal.getStringCapability(InfoCmp.Capability.change_scroll_region) != null
        && terminal.getStringCapability(InfoCmp.Capability.cursor_address) != null
        && terminal.getStringCapability(InfoCmp.Capability.clear_screen) != null
        && terminal.getStringCapability(InfoCmp.Capability.save_cursor) != null
        && terminal.getSize().getRows() >= 3;
  }

  /** Shows {@code frame} in its window; {@code ownNick} may be null. */
  void show(ServerFrame frame, String ownNick) {
    reader.exclusively(
        () -> {
          if (frame instanceof ServerFrame.Left || frame instanceof ServerFrame.Kicked) {
            // for the window that is current once the room's own has closed
            leaving.addAll(renderer.render(frame, ownNick));
            return;
          }
          Conversation to = WindowOf.frame(frame, ownNick, windows.current());
          String room = WindowOf.roomOf(frame);
          boolean ownRoom =
              to instanceof Conversation.Room window
                  && room != null
                  && sameName(room, window.name());
          add(
              to,
              (ownRoom && windowed ? inRoomWindow : renderer).render(frame, ownNick),
              WindowOf.activity(frame, ownNick));
        });
  }

  /** Shows what happened to the connection in its window. */
  void show(ClientEvent event) {
    reader.exclusively(
        () -> {
          if (event instanceof ClientEvent.Files files && windowed) {
            transferShown(files.event());
          }
          Conversation to = WindowOf.event(event, windows.current());
          boolean roomWindow = to instanceof Conversation.Room && windowed;
          add(
              to,
              (roomWindow ? inRoomWindow : renderer).render(event),
              WindowOf.activity(event, to));
        });
  }

  /** Shows {@code lines} in the current window: what the console itself tells the user. */
  void print(List<AttributedString> lines) {
    reader.exclusively(() -> add(windows.current(), lines, Activity.NONE));
  }

  /**
   * The rooms the user is in changed, or the current room, where plain text goes: a room's window
   * opens with it and closes when the user is out. The current room's window becomes current when
   * that room was just joined, or when the current window closed.
   */
  void promptChanged(ClientEvent.PromptChanged changed) {
    reader.exclusively(
        () -> {
          nick = changed.nick();
          online = changed.online();
          Conversation before = windows.current();
          changed.rooms().forEach(room -> windows.open(new Conversation.Room(room)));
          boolean currentClosed = false;
          for (Windows.Entry entry : windows.list()) {
            if (entry.conversation() instanceof Conversation.Room room
                && changed.rooms().stream().noneMatch(name -> sameName(name, room.name()))) {
              currentClosed |= room == before;
              windows.close(room);
            }
          }
          // a room just joined, or the one after the current room's: not a switch of the
          // user's own coming back, which may come after the user switched on
          String room = changed.room();
          boolean joinedNow = room != null && !rooms.contains(ProtocolRules.canonical(room));
          if (room != null && (joinedNow || currentClosed)) {
            windows.switchTo(new Conversation.Room(room));
          }
          rooms = changed.rooms().stream().map(ProtocolRules::canonical).collect(toSet());
          if (windows.current() != before) {
            redraw();
            switched.run();
          } else {
            updateStatusBar();
          }
          add(windows.current(), List.copyOf(leaving), Activity.NONE);
          leaving.clear();
        });
  }

  /**
   * The prompt tells where plain text goes: the room of the current window, or the direct
   * conversation; in the status window the current room.
   */
  String prompt(ClientEvent.PromptChanged changed) {
    String who = changed.nick() == null ? "" : changed.nick();
    Conversation current = current();
    String where =
        current instanceof Conversation.Direct direct
            ? "->" + direct.nick()
            : current instanceof Conversation.Private peer
                ? "=" + peer.nick()
                : current instanceof Conversation.Room room
                    ? "@" + room.name()
                    : changed.room() == null ? "" : "@" + changed.room();
    String offline = changed.online() ? "" : " (offline)";
    return who + where + offline + "> ";
  }

  /**
   * Whether the screen itself carries out {@code command}: {@code /window}, and {@code /join} of a
   * room the user is in, which switches to its window, as switching is not joining.
   */
  boolean answers(UserCommand command) {
    if (command instanceof UserCommand.SwitchWindow window) {
      if (window.number() == null) {
        listWindows();
      } else if (!switchTo(window.number())) {
        print(
            List.of(
                renderer.problem(
                    "there is no window " + window.number() + " (/window lists the windows)")));
      }
      return true;
    }
    return command instanceof UserCommand.Join join && switchToRoom(join.room());
  }

  /**
   * {@code command} as it is to go: plain text in a direct conversation's window is a DM, in a
   * private conversation's it goes over the direct link, and there /accept and /decline answer that
   * nick.
   */
  UserCommand addressed(UserCommand command) {
    if (command instanceof UserCommand.Say say) {
      Conversation current = current();
      if (current instanceof Conversation.Direct direct) {
        return new UserCommand.DirectMessage(direct.nick(), say.text());
      }
      if (current instanceof Conversation.Private peer) {
        return new UserCommand.PrivateSay(peer.nick(), say.text());
      }
    }
    if (command instanceof UserCommand.PrivateAnswer answer
        && answer.nick() == null
        && current() instanceof Conversation.Private peer) {
      return new UserCommand.PrivateAnswer(peer.nick(), answer.accept());
    }
    return command;
  }

  /** The window the user looks at, where plain text goes. */
  Conversation current() {
    Conversation[] current = new Conversation[1];
    reader.exclusively(() -> current[0] = windows.current());
    return current[0];
  }

  /** Switches to window {@code number}; false when there is none. */
  private boolean switchTo(int number) {
    return switchBy(() -> windows.switchTo(number));
  }

  /** Switches to the window of {@code room}; false when the user is not in it. */
  private boolean switchToRoom(String room) {
    return switchBy(() -> windows.switchTo(new Conversation.Room(room)));
  }

  /** Lists the windows in the current one, as {@code /window} alone asks. */
  private void listWindows() {
    reader.exclusively(
        () -> {
          List<AttributedString> lines = new ArrayList<>();
          for (Windows.Entry entry : windows.list()) {
            String activity =
                switch (entry.activity()) {
                  case NONE -> "";
                  case MESSAGE -> " (new lines)";
                  case HIGHLIGHT -> " (names you)";
                };
            String current = entry.number() == windows.currentNumber() ? " (current)" : "";
            lines.add(
                renderer.info(
                    null,
                    "window "
                        + entry.number()
                        + ": "
                        + entry.conversation().label()
                        + current
                        + activity));
          }
          add(windows.current(), lines, Activity.NONE);
        });
  }

  /** Takes the status bar off the screen, at the end. */
  void close() {
    if (windowed) {
      reader.exclusively(
          () -> {
            Status bar = Status.getStatus(terminal, false);
            if (bar != null) {
              bar.update(List.of());
              bar.close();
            }
          });
    }
  }

  /** Keeps the status bar's time up to date until cancelled. */
  Cancellable keepTheTime(ActorSystem<?> system) {
    return system
        .scheduler()
        .scheduleAtFixedRate(
            CLOCK_TICK,
            CLOCK_TICK,
            () -> reader.exclusively(this::updateStatusBar),
            system.executionContext());
  }

  private boolean switchBy(Supplier<Boolean> move) {
    boolean[] moved = new boolean[1];
    reader.exclusively(
        () -> {
          Conversation before = windows.current();
          moved[0] = move.get();
          if (moved[0]) {
            afterMove(before);
          }
        });
    return moved[0];
  }

  // holding the lock
  private void afterMove(Conversation before) {
    if (windows.current() == before) {
      return;
    }
    if (windowed) {
      redraw();
    } else {
      print(
          List.of(
              renderer.info(
                  null, "window " + windows.currentNumber() + ": " + windows.current().label())));
    }
    switched.run();
  }

  // holding the lock
  private void add(Conversation to, List<AttributedString> lines, Activity activity) {
    boolean inView = false;
    for (AttributedString shown : lines) {
      AttributedString line = colours ? shown : new AttributedString(shown.toString());
      inView = windows.add(to, line, activity);
      if (inView || !windowed) {
        for (AttributedString row : windowed ? WordWrap.wrap(line, width()) : List.of(line)) {
          reader.printAbove(row);
        }
      }
    }
    if (bell && activity == Activity.HIGHLIGHT && !lines.isEmpty()) {
      if (!terminal.puts(InfoCmp.Capability.bell)) {
        terminal.writer().write('\u0007');
      }
      terminal.flush();
    }
    if (!inView) {
      updateStatusBar();
    }
  }

  // holding the lock
  private void redraw() {
    if (!windowed) {
      return;
    }
    int width = width();
    int height = Math.max(1, terminal.getHeight() - 2);
    List<AttributedString> rows = new ArrayList<>();
    for (AttributedString line : windows.view(height, l -> WordWrap.rows(l, width))) {
      rows.addAll(WordWrap.wrap(line, width));
    }
    reader.redrawScreen(
        rows.subList(Math.max(0, rows.size() - height), rows.size()), List.of(statusBar()));
  }

  // holding the lock
  private void updateStatusBar() {
    if (windowed) {
      Status.getStatus(terminal).update(List.of(statusBar()));
    }
  }

  private AttributedString statusBar() {
    AttributedString bar =
        StatusBar.of(LocalTime.now(clock).format(BAR_TIME), nick, online, windows);
    return transfers.isEmpty()
        ? bar
        : new AttributedString(bar + " | " + String.join(" | ", transfers.values()));
  }

  // holding the lock
  private void transferShown(FileEvent event) {
    if (event instanceof FileEvent.Progress progress) {
      transfers.put(progress.transfer(), renderer.progress(progress));
    } else if (event instanceof FileEvent.Sent sent) {
      transfers.remove(sent.transfer());
    } else if (event instanceof FileEvent.Received received) {
      transfers.remove(received.transfer());
    } else if (event instanceof FileEvent.Failed failed) {
      transfers.remove(failed.transfer());
    }
    updateStatusBar();
  }

  private int width() {
    return Math.max(2, terminal.getWidth());
  }

  private void bindKeys() {
    KeyMap<Binding> keys = reader.getKeyMaps().get(LineReader.MAIN);
    for (int n = 1; n <= 10; n++) {
      int number = n;
      String widget = "parley-window-" + n;
      reader.getWidgets().put(widget, () -> switchTo(number) || true);
      keys.bind(new Reference(widget), KeyMap.alt((char) ('0' + n % 10)));
    }
    bind(
        keys,
        "parley-next-window",
        () -> switchBy(() -> move(true)),
        "\033[1;3C",
        "\033\033[C",
        "\033\033OC",
        KeyMap.ctrl('N'));
    bind(
        keys,
        "parley-previous-window",
        () -> switchBy(() -> move(false)),
        "\033[1;3D",
        "\033\033[D",
        "\033\033OD",
        KeyMap.ctrl('P'));
    bind(
        keys,
        "parley-page-up",
        () -> scroll(true),
        "\033[5~",
        KeyMap.key(terminal, InfoCmp.Capability.key_ppage));
    bind(
        keys,
        "parley-page-down",
        () -> scroll(false),
        "\033[6~",
        KeyMap.key(terminal, InfoCmp.Capability.key_npage));
  }

  private void bind(KeyMap<Binding> keys, String widget, Runnable action, String... sequences) {
    reader
        .getWidgets()
        .put(
            widget,
            () -> {
              action.run();
              return true;
            });
    for (String sequence : sequences) {
      if (sequence != null && !sequence.isEmpty()) {
        keys.bind(new Reference(widget), sequence);
      }
    }
  }

  private boolean move(boolean forward) {
    if (forward) {
      windows.next();
    } else {
      windows.previous();
    }
    return true;
  }

  private void scroll(boolean up) {
    reader.exclusively(
        () -> {
          int width = width();
          int height = Math.max(1, terminal.getHeight() - 2);
          if (up) {
            windows.pageUp(height, l -> WordWrap.rows(l, width));
          } else {
            windows.pageDown(height, l -> WordWrap.rows(l, width));
          }
          redraw();
        });
  }

  private static boolean sameName(String one, String other) {
    return ProtocolRules.canonical(one).equals(ProtocolRules.canonical(other));
  }
}
