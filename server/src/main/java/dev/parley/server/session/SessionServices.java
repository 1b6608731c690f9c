package dev.parley.server.session;

import dev.parley.protocol.FrameCodec;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.ParleySettings;
import org.apache.pekko.actor.typed.ActorRef;

/** What every session of a server shares: the settings, the codec and the actors behind it. */
public record SessionServices(
    ParleySettings settings,
    FrameCodec codec,
    ActorRef<Directory.Command> directory,
    ActorRef<RoomManager.Command> roomManager) {}
