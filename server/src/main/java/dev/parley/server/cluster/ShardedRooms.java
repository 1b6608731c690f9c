package dev.parley.server.cluster;

import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.room.Room;
import dev.parley.server.room.RoomAddresses;
import dev.parley.server.room.RoomHosting;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import java.util.function.Supplier;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.RecipientRef;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.sharding.typed.javadsl.ClusterSharding;
import org.apache.pekko.cluster.sharding.typed.javadsl.Entity;
import org.apache.pekko.cluster.sharding.typed.javadsl.EntityTypeKey;

/**
 * Rooms as Cluster Sharding entities, by name: each runs on one node at a time, and starts on
 * another when its node stops or dies. The entity's id is the room's name as it was created (the
 * room manager's and the room's own), so one room has one entity whatever case a user types.
 */
public final class ShardedRooms implements RoomHosting, RoomAddresses {

  public static final EntityTypeKey<Room.Command> ROOM =
      EntityTypeKey.create(Room.Command.class, "room");

  private final ClusterSharding sharding;

  private ShardedRooms(ClusterSharding sharding) {
    this.sharding = sharding;
  }

  /**
   * This node's part of the rooms; {@code manager} is where they report their summaries, asked for
   * when a room starts.
   */
  public static ShardedRooms init(
      ActorSystem<?> system,
      RoomSettings settings,
      int snapshotEvery,
      Transcript transcript,
      ServerMetrics metrics,
      Supplier<ActorRef<RoomManager.Command>> manager) {
    var sharding = ClusterSharding.get(system);
    sharding.init(
        Entity.of(
            ROOM,
            entity ->
                Behaviors.setup(
                    context -> {
                      context.getLog().info("Room {} starts on this node", entity.getEntityId());
                      return Behaviors.supervise(
                              Room.create(
                                  settings,
                                  snapshotEvery,
                                  transcript,
                                  metrics,
                                  entity.getEntityId(),
                                  null,
                                  manager.get()))
                          .onFailure(SupervisorStrategy.resume());
                    })));
    return new ShardedRooms(sharding);
  }

  /** The rooms that {@link #init} sharded on this node's system. */
  public static ShardedRooms of(ActorSystem<?> system) {
    return new ShardedRooms(ClusterSharding.get(system));
  }

  @Override
  public RecipientRef<Room.Command> start(
      ActorContext<RoomManager.Command> manager, String name, String topic) {
    var room = sharding.entityRefFor(ROOM, name);
    room.tell(Room.Wake.INSTANCE);
    return room;
  }

  @Override
  public RecipientRef<Room.Command> of(String name, ActorRef<Room.Command> incarnation) {
    return sharding.entityRefFor(ROOM, name);
  }
}
