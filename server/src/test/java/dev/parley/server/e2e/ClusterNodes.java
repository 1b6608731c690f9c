package dev.parley.server.e2e;

import static org.junit.jupiter.api.Assertions.fail;

import com.typesafe.config.ConfigUtil;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.opentest4j.AssertionFailedError;

/**
 * A Parley cluster of the tests: several server JVMs on loopback, nodes of one Pekko Cluster on a
 * PostgreSQL database of their own, each started with {@code Main --config FILE} as an operator
 * starts one. Skips the test without PostgreSQL, as {@link PostgresDatabase#create()} does.
 */
final class ClusterNodes implements AutoCloseable {

  private static final Duration UP_TIMEOUT = Duration.ofSeconds(90);
  private static final int SEEDS = 2;

  private final PostgresDatabase database;
  private final Path dir;
  private final int[] clusterPorts;
  private final ServerProcess[] nodes;
  private final int[] starts;

  private ClusterNodes(PostgresDatabase database, Path dir, int count) {
    this.database = database;
    this.dir = dir;
    this.clusterPorts = IntStream.range(0, count).map(node -> freePort()).toArray();
    this.nodes = new ServerProcess[count];
    this.starts = new int[count];
  }

  /** Starts {@code count} nodes at once, and returns once a user can log in on each. */
  static ClusterNodes start(int count) {
    var database = PostgresDatabase.create();
    ClusterNodes cluster;
    try {
      cluster = new ClusterNodes(database, Files.createTempDirectory("parley-cluster"), count);
    } catch (IOException | RuntimeException e) {
      database.close();
      throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
    }
    try {
      var starting = new ArrayList<CompletableFuture<Void>>();
      for (int node = 0; node < count; node++) {
        int which = node;
        starting.add(CompletableFuture.runAsync(() -> cluster.startNode(which)));
      }
      starting.forEach(CompletableFuture::join);
      for (int node = 0; node < count; node++) {
        cluster.awaitLogin(node);
      }
      return cluster;
    } catch (RuntimeException | Error e) {
      cluster.close();
      throw e;
    }
  }

  int size() {
    return nodes.length;
  }

  InetSocketAddress address(int node) {
    return nodes[node].address();
  }

  /** The nodes that logged that room {@code room} started on them, in the order of the nodes. */
  List<Integer> nodesThatStarted(String room) {
    var started = new ArrayList<Integer>();
    for (int node = 0; node < nodes.length; node++) {
      if (nodes[node] != null && nodes[node].hasLogged("Room " + room + " starts on this node")) {
        started.add(node);
      }
    }
    return started;
  }

  /** The one node running room {@code room} now, once it started on exactly one. */
  int nodeOf(String room) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (System.nanoTime() < deadline) {
      var started = nodesThatStarted(room);
      if (started.size() == 1) {
        return started.get(0);
      }
      pause();
    }
    return fail("room " + room + " started on " + nodesThatStarted(room) + ", not on one node");
  }

  /** Whether {@code node} logged {@code text} since it was started last. */
  boolean hasLogged(int node, String text) {
    return nodes[node].hasLogged(text);
  }

  /** SIGKILL: the node has no time to hand anything over. */
  void kill(int node) {
    nodes[node].kill();
  }

  /** SIGTERM: the node leaves the cluster, handing its rooms over, and exits 0. */
  void stop(int node) {
    nodes[node].stopGracefully();
  }

  /** Starts {@code node} again on its cluster port; returns once a user can log in on it. */
  void restart(int node) {
    startNode(node);
    awaitLogin(node);
  }

  private void startNode(int node) {
    Path config = dir.resolve("node" + node + ".conf");
    List<String> seeds =
        IntStream.range(0, Math.min(SEEDS, clusterPorts.length))
            .mapToObj(seed -> ConfigUtil.quoteString("127.0.0.1:" + clusterPorts[seed]))
            .toList();
    String settings =
        String.join(
            "\n",
            database.serverSettings(),
            "parley.listen.port = 0",
            "parley.http.enabled = false",
            "parley.irc.enabled = false",
            "parley.cluster.enabled = true",
            "parley.cluster.host = \"127.0.0.1\"",
            "parley.cluster.port = " + clusterPorts[node],
            "parley.cluster.seed-nodes = [" + String.join(", ", seeds) + "]");
    try {
      Files.writeString(config, settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    nodes[node] =
        ServerProcess.start(config, dir.resolve("node" + node + "-" + starts[node]++ + ".log"));
  }

  /** Until the cluster answers a login on {@code node}: its directory runs on the oldest node. */
  private void awaitLogin(int node) {
    long deadline = System.nanoTime() + UP_TIMEOUT.toNanos();
    AssertionFailedError last = null;
    while (System.nanoTime() < deadline) {
      try (var probe = RawClient.login(address(node), "probe" + node)) {
        return;
      } catch (AssertionFailedError | UncheckedIOException notYet) {
        last = notYet instanceof AssertionFailedError failed ? failed : last;
        pause();
      }
    }
    fail("node " + node + " answered no login within " + UP_TIMEOUT, last);
  }

  @Override
  public void close() {
    try {
      for (ServerProcess node : nodes) {
        Optional.ofNullable(node).ifPresent(ServerProcess::close);
      }
    } finally {
      database.close();
    }
  }

  private static int freePort() {
    try (var socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pause() {
    try {
      Thread.sleep(200);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
