package dev.parley.server.room;

import dev.parley.protocol.ProtocolRules;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Where the room manager's rooms run: on one server, as its children; in a cluster, as sharded
 * entities on any node ({@code dev.parley.server.cluster.ShardedRooms}).
 */
public interface RoomHosting {

  /**
   * The room named {@code name}, started where it does not run yet; {@code topic} is its topic
   * until it stores one of its own.
   */
  RecipientRef<Room.Command> start(
      ActorContext<RoomManager.Command> manager, String name, String topic);

  /** Rooms as children of the room manager. */
  static RoomHosting children(
      RoomSettings settings, int snapshotEvery, Transcript transcript, ServerMetrics metrics) {
    return (manager, name, topic) ->
        manager.spawn(
            Behaviors.supervise(
                    Room.create(
                        settings,
                        snapshotEvery,
                        transcript,
                        metrics,
                        name,
                        topic,
                        manager.getSelf()))
                .onFailure(SupervisorStrategy.resume()),
            "room-" + ProtocolRules.canonical(name));
  }
}
