package dev.parley.client.render;

import static dev.parley.client.render.Lines.DIRECT;
import static dev.parley.client.render.Lines.PLAIN;
import static dev.parley.client.render.Lines.nickStyle;
import static dev.parley.client.render.Lines.orEmpty;
import static dev.parley.client.render.Lines.seconds;
import static dev.parley.client.render.Lines.withText;

import dev.parley.client.peer.PeerEvent;
import java.util.List;
import java.util.Locale;
import org.jline.utils.AttributedString;

/** The lines of private conversations: {@code =bob=} in front of what happened with bob. */
final class PeerLines {

  private final Lines lines;

  PeerLines(Lines lines) {
    this.lines = lines;
  }

  List<AttributedString> render(PeerEvent event) {
    String nick = orEmpty(event.nick());
    if (event instanceof PeerEvent.Said said) {
      var head =
          lines
              .line(said.at(), null)
              .styled(DIRECT, "=" + nick + "= ")
              .append("<")
              .styled(
                  nickStyle(said.from(), nick.equals(said.from()) ? null : said.from()),
                  orEmpty(said.from()))
              .append("> ");
      return withText(head, PLAIN, said.text());
    }
    if (event instanceof PeerEvent.Refused refused) {
      return List.of(lines.problem(refused.reason()));
    }
    if (event instanceof PeerEvent.Unreachable unreachable) {
      return List.of(
          lines.problem(
              "no direct connection with "
                  + nick
                  + " within "
                  + seconds(unreachable.waited())
                  + ": "
                  + unreachable.reason()),
          info(nick, "direct messages still go through the server: /msg " + nick + " text"));
    }
    if (event instanceof PeerEvent.FileFailed failed) {
      return List.of(
          lines.problem(
              (failed.sending()
                      ? "sending " + failed.name() + " to "
                      : "receiving " + failed.name() + " from ")
                  + nick
                  + " failed: "
                  + failed.reason()));
    }
    if (event instanceof PeerEvent.StrangerTurnedAway stranger) {
      return List.of(
          lines.problem(
              "closed a connection to your private port from "
                  + stranger.address()
                  + (stranger.nick() == null ? "" : " (" + stranger.nick() + ")")
                  + ": it did not prove a token of an offer you agreed to"));
    }
    return List.of(info(nick, text(event, nick)));
  }

  private AttributedString info(String nick, String text) {
    return lines.info(null, "=" + nick + "= " + text);
  }

  private static String text(PeerEvent event, String nick) {
    if (event instanceof PeerEvent.Asked) {
      return "asked " + nick + " to talk privately; waiting for the answer";
    } else if (event instanceof PeerEvent.Offered) {
      return nick + " asks to talk privately: /accept " + nick + " or /decline " + nick;
    } else if (event instanceof PeerEvent.Declined declined) {
      return "no private conversation: " + declined.why();
    } else if (event instanceof PeerEvent.Connecting connecting) {
      return connecting.connecting()
          ? "connecting to " + nick + " at " + connecting.address()
          : "waiting for " + nick + " to connect to your " + connecting.address();
    } else if (event instanceof PeerEvent.Opened opened) {
      return "direct link with "
          + nick
          + " open ("
          + opened.address()
          + "): what you type in this window goes straight to "
          + nick
          + "; /psend "
          + nick
          + " PATH sends a file, /close "
          + nick
          + " ends it";
    } else if (event instanceof PeerEvent.Closed closed) {
      return "direct link ended: " + closed.reason();
    } else if (event instanceof PeerEvent.Progress progress) {
      return progress(progress, nick);
    } else if (event instanceof PeerEvent.Resumed resumed) {
      return (resumed.sending() ? "sending " : "receiving ")
          + resumed.name()
          + " goes on from "
          + size(resumed.offset());
    } else if (event instanceof PeerEvent.FileDone done) {
      return done.sending()
          ? "sent "
              + done.name()
              + " to "
              + nick
              + " ("
              + size(done.size())
              + ", SHA-256 checked by "
              + nick
              + ")"
          : "received "
              + done.name()
              + " from "
              + nick
              + " ("
              + size(done.size())
              + ", SHA-256 checked): "
              + done.savedAs();
    }
    return event.toString();
  }

  private static String progress(PeerEvent.Progress progress, String nick) {
    long percent = progress.size() == 0 ? 100 : progress.done() * 100 / progress.size();
    String left =
        progress.left() == null
            ? ""
            : ", " + (progress.left().isZero() ? "done" : seconds(progress.left()) + " left");
    return (progress.sending()
            ? "sending " + progress.name() + " to "
            : "receiving " + progress.name() + " from ")
        + nick
        + ": "
        + percent
        + "% ("
        + size(progress.done())
        + " of "
        + size(progress.size())
        + "), "
        + size(progress.bytesPerSecond())
        + "/s"
        + left;
  }

  /** A size as people read it: bytes, KiB, MiB, GiB. */
  static String size(long bytes) {
    if (bytes < 1024) {
      return bytes + " B";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
  }
}
