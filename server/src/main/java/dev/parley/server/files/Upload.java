package dev.parley.server.files;

import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import java.time.Instant;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * An upload under way: the file it will be, where it is to be shared (a room, {@code roomRef} being
 * its actor, or the person {@code to}), the session that asked for it ({@code uploader}), the bytes
 * that have arrived, whether a request is writing more now (from {@code writingFrom}), and when it
 * is given up.
 */
final class Upload {

  final StoredFile file;
  final String room;
  final ActorRef<Room.Command> roomRef;
  final String to;
  final ActorRef<Directory.Event> uploader;
  final Instant deadline;
  long offset;
  boolean writing;
  long writingFrom;
  // the last byte is in and the file is being checked and shared: no request may change it
  boolean finishing;

  Upload(
      StoredFile file,
      String room,
      ActorRef<Room.Command> roomRef,
      String to,
      ActorRef<Directory.Event> uploader,
      Instant deadline) {
    this.file = file;
    this.room = room;
    this.roomRef = roomRef;
    this.to = to;
    this.uploader = uploader;
    this.deadline = deadline;
  }

  boolean busy() {
    return writing || finishing;
  }
}
