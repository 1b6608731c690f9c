package dev.parley.server.irc;

import dev.parley.server.settings.ParleySettings;
import dev.parley.server.transport.TcpSessionFlow;
import org.apache.pekko.stream.Materializer;

/** The IRC front door's connections: IRC lines in, a dialect of their own each. */
public final class IrcDoor {

  private IrcDoor() {}

  public static TcpSessionFlow sessionFlow(ParleySettings settings, Materializer materializer) {
    var server = IrcServer.of(settings);
    var events = new IrcEvents(server);
    int maxHeldBytes = settings.session().maxPendingOutput();
    int maxHistoryPage = settings.rooms().maxHistoryPageSize();
    return new TcpSessionFlow(
        settings,
        () -> new IrcLineReader()::read,
        () -> new IrcDialect(server, events, maxHeldBytes, maxHistoryPage),
        materializer);
  }
}
