package dev.parley.client.connection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.RunningServer;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.Map;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A connection with TLS to a real server, as both consoles drive it. */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class TlsConnectionTest {

  private static final Config TLS_CONFIG = ConfigFactory.load("tls-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TLS_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TLS_CONFIG).build();

  private final RecordingView view = new RecordingView();

  private ActorRef<Connection.Command> connect(String nick, Map<String, Object> tls) {
    var config =
        ConfigFactory.parseMap(tls)
            .withFallback(
                ConfigFactory.parseMap(
                    Map.of(
                        "parley.client.tls.enabled",
                        true,
                        "parley.client.tls.port",
                        server.tlsAddress().getPort(),
                        "parley.client.nick",
                        nick)))
            .withFallback(TLS_CONFIG);
    return testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
  }

  @Test
  void aPortThatDoesNotAnswerInTlsIsAFailedConnectionAndTriedAgain() throws Exception {
    try (var cleartext = new FakeServer()) {
      var connection =
          connect(
              "mistaken3",
              Map.of(
                  "parley.client.tls.port", cleartext.port(),
                  "parley.client.tls.fingerprint", server.certificate().fingerprint()));
      cleartext.accept().send(new ServerFrame.Pong(FrameId.of(1)));
      var failed = view.await(ClientEvent.ConnectFailed.class);
      assertEquals(cleartext.port(), failed.port());
      assertFalse(failed.everConnected());

      view.await(ClientEvent.Connecting.class);
      assertEquals(0, view.shownSoFar(ClientEvent.CertificateRefused.class).size());
      testKit.stop(connection);
    }
  }

  @Test
  void aConnectionToThePinnedCertificateIsWelcomed() {
    connect("pinned1", Map.of("parley.client.tls.fingerprint", server.certificate().fingerprint()));
    assertEquals("pinned1", view.await(ServerFrame.Welcome.class).nick());
  }

  @Test
  void aRefusedCertificateIsSaidOnceAndTheConnectionStopsWithoutRetrying() {
    var connection = connect("untrusted2", Map.of());
    var refused = view.await(ClientEvent.CertificateRefused.class);
    assertTrue(refused.reason().contains(server.certificate().fingerprint()), refused.reason());
    assertEquals(Connection.EXIT_ERROR, view.await(ClientEvent.Closed.class).exitStatus());
    testKit.createTestProbe().expectTerminated(connection);
    assertEquals(1, view.shownSoFar(ClientEvent.Connecting.class).size());
    assertEquals(1, view.shownSoFar(ClientEvent.CertificateRefused.class).size());
    assertEquals(0, view.shownSoFar(ClientEvent.ConnectFailed.class).size());
    assertEquals(0, view.shownSoFar(ClientEvent.ConnectionLost.class).size());
    assertEquals(0, view.shownSoFar(ServerFrame.class).size());
  }
}
