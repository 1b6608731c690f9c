package dev.parley.server.room;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.RecipientRef;

/**
 * Where a session sends what it asks of a room it joined: to the room that answered its join, on
 * one server; in a cluster, to the room by its name, wherever it runs by then.
 */
public interface RoomAddresses {

  /** Where to send to room {@code name}, whose {@code incarnation} answered the join. */
  RecipientRef<Room.Command> of(String name, ActorRef<Room.Command> incarnation);

  /** On one server a room never moves: the one that answered is the one. */
  static RoomAddresses incarnations() {
    return (name, incarnation) -> incarnation;
  }
}
