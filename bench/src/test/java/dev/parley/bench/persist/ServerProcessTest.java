package dev.parley.bench.persist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServerProcessTest {

  @Test
  void readsTheAddressFromTheListeningLine() {
    assertEquals(
        Optional.of(InetSocketAddress.createUnresolved("127.0.0.1", 41234)),
        ServerProcess.listeningAddress(
            "2026-11-22 12:00:00.123 INFO  TcpListener - Listening on 127.0.0.1:41234"));
  }

  @Test
  void passesOverEveryOtherLine() {
    assertTrue(ServerProcess.listeningAddress("Starting Parley with /tmp/server.conf").isEmpty());
  }
}
