package dev.parley.server.cluster;

import dev.parley.server.directory.Directory;
import dev.parley.server.metrics.ServerMetrics;
import dev.parley.server.room.RoomManager;
import dev.parley.server.settings.RoomSettings;
import dev.parley.server.transcript.Transcript;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.cluster.typed.ClusterSingleton;
import org.apache.pekko.cluster.typed.SingletonActor;

/**
 * The actors behind the sessions, on a cluster: the directory and the room manager each run once,
 * on the oldest node (cluster singletons, reached from every node through a proxy), and the rooms
 * are spread over the nodes ({@link ShardedRooms}).
 */
public record ClusterCore(
    ActorRef<Directory.Command> directory,
    ActorRef<RoomManager.Command> roomManager,
    ShardedRooms rooms) {

  /** Starts this node's part: its share of the rooms, and the singletons' proxies. */
  public static ClusterCore start(
      ActorSystem<?> system,
      Behavior<Directory.Command> directory,
      RoomSettings roomSettings,
      int snapshotEvery,
      Transcript transcript,
      ServerMetrics metrics) {
    var singletons = ClusterSingleton.get(system);
    // made when it starts: the rooms it starts must be sharded by then
    SingletonActor<RoomManager.Command> roomManager =
        SingletonActor.of(
            Behaviors.supervise(
                    Behaviors.<RoomManager.Command>setup(
                        context ->
                            RoomManager.create(
                                roomSettings,
                                snapshotEvery,
                                metrics,
                                ShardedRooms.of(context.getSystem()))))
                .onFailure(SupervisorStrategy.resume()),
            "rooms");
    var rooms =
        ShardedRooms.init(
            system,
            roomSettings,
            snapshotEvery,
            transcript,
            metrics,
            () -> singletons.init(roomManager));
    return new ClusterCore(
        singletons.init(
            SingletonActor.of(
                Behaviors.supervise(directory).onFailure(SupervisorStrategy.resume()),
                "directory")),
        singletons.init(roomManager),
        rooms);
  }
}
