package dev.parley.server.session;

import dev.parley.server.directory.Directory;
import dev.parley.server.files.FileShelf;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.peer.PeerBroker;
import dev.parley.server.room.RoomAddresses;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What every session of a server shares: the settings, the JSON dialect, the actors behind it and
 * the bound on what all of their readers keep waiting, what the server counts, its files, and where
 * to send to a room a session joined.
 */
public record SessionServices(
    ParleySettings settings,
    JsonDialect json,
    ActorRef<Directory.Command> directory,
    ActorRef<RoomManager.Command> roomManager,
    KeptOutputTotal keptOutput,
    ServerMetrics metrics,
    ActorRef<FileShelf.Command> files,
    ActorRef<PeerBroker.Command> peers,
    RoomAddresses roomAddresses) {

  /** The services of one server, whose rooms never move. */
  public SessionServices(
      ParleySettings settings,
      JsonDialect json,
      ActorRef<Directory.Command> directory,
      ActorRef<RoomManager.Command> roomManager,
      KeptOutputTotal keptOutput,
      ServerMetrics metrics,
      ActorRef<FileShelf.Command> files,
      ActorRef<PeerBroker.Command> peers) {
    this(
        settings,
        json,
        directory,
        roomManager,
        keptOutput,
        metrics,
        files,
        peers,
        RoomAddresses.incarnations());
  }
}
