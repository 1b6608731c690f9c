package dev.parley.client.render;

import static dev.parley.client.render.Lines.seconds;

import dev.parley.client.connection.ClientEvent;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.jline.utils.AttributedString;

/** The lines for what happened to the connection itself, beside the frames the server sent. */
final class EventLines {

  private final Lines lines;
  private final PeerLines peerLines;
  // how an error frame reads, for the refusals that events carry
  private final Function<ServerFrame.Error, List<AttributedString>> errorLines;

  EventLines(Lines lines, Function<ServerFrame.Error, List<AttributedString>> errorLines) {
    this.lines = lines;
    this.peerLines = new PeerLines(lines);
    this.errorLines = errorLines;
  }

  /** The lines for something that happened to the connection; none for prompt changes. */
  List<AttributedString> render(ClientEvent event) {
    if (event instanceof ClientEvent.Connecting connecting) {
      return List.of(
          lines.info(
              null,
              "connecting to "
                  + connecting.host()
                  + ":"
                  + connecting.port()
                  + (connecting.tls() ? " with TLS" : "")));
    }
    if (event instanceof ClientEvent.CertificateRefused refused) {
      return List.of(lines.problem(refused.reason()));
    }
    if (event instanceof ClientEvent.ConnectFailed failed) {
      var shown = new ArrayList<AttributedString>();
      shown.add(
          lines.problem(
              "cannot reach "
                  + failed.host()
                  + ":"
                  + failed.port()
                  + ": "
                  + failed.reason()
                  + "; trying again in "
                  + seconds(failed.retryIn())));
      if (!failed.everConnected()) {
        shown.add(
            lines.info(
                null,
                "another server: parley --host HOST --port PORT, or parley.client.host and"
                    + " parley.client.port in application.conf; Ctrl-D stops trying"));
      }
      return shown;
    }
    if (event instanceof ClientEvent.ConnectionLost lost) {
      String next =
          lost.retryIn() == null
              ? "connecting again once you answer"
              : "reconnecting in " + seconds(lost.retryIn());
      return List.of(lines.problem("connection lost: " + lost.reason() + "; " + next));
    }
    if (event instanceof ClientEvent.NickHeld held) {
      return List.of(
          lines.info(
              null,
              "the server still holds the nick "
                  + held.nick()
                  + ", most likely for the lost connection; trying it again in "
                  + seconds(held.retryIn())));
    }
    if (event instanceof ClientEvent.NickRefused refused) {
      return errorLines.apply(refused.error());
    }
    if (event instanceof ClientEvent.PasswordWanted wanted) {
      // the usual first step of logging in to an account, not a failure
      return wanted.passwordTried() || wanted.error().code() != ErrorCode.AUTH_FAILED
          ? errorLines.apply(wanted.error())
          : List.of(lines.info(null, wanted.error().message()));
    }
    if (event instanceof ClientEvent.Registered registered) {
      return List.of(
          lines.info(
              null,
              registered.nick()
                  + " is now an account: logging in as "
                  + registered.nick()
                  + " takes this password from now on"));
    }
    if (event instanceof ClientEvent.Blocked blocked) {
      return List.of(
          lines.info(
              null, "blocked " + blocked.nick() + ": you will not see their messages or DMs"));
    }
    if (event instanceof ClientEvent.AwayChanged changed) {
      return List.of(
          lines.info(
              null,
              changed.message() == null
                  ? "you are back"
                  : "you are away: " + changed.message() + " (/away alone: back)"));
    }
    if (event instanceof ClientEvent.Unblocked unblocked) {
      return List.of(
          lines.info(
              null,
              "unblocked "
                  + unblocked.nick()
                  + ": you see their messages and take their DMs again"));
    }
    if (event instanceof ClientEvent.NotSent notSent) {
      return List.of(lines.problem(notSent.reason()));
    }
    if (event instanceof ClientEvent.Private peer) {
      return peerLines.render(peer.event());
    }
    if (event instanceof ClientEvent.GapLost lost) {
      return List.of(
          lines.info(
              lost.room(),
              "messages " + lost.fromSeq() + " to " + lost.toSeq() + " are no longer kept"));
    }
    return List.of();
  }
}
