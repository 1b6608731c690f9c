package dev.parley.client.peer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.parley.client.RunningServer;
import dev.parley.client.TamperingRelay;
import dev.parley.client.command.UserCommand;
import dev.parley.client.connection.ClientEvent;
import dev.parley.client.connection.Connection;
import dev.parley.client.connection.ConnectionSettings;
import dev.parley.client.connection.RecordingView;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameCodec;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.apache.pekko.actor.testkit.typed.annotations.JUnit5TestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.JUnit5TestKitBuilder;
import org.apache.pekko.actor.testkit.typed.javadsl.LogCapturingExtension;
import org.apache.pekko.actor.testkit.typed.javadsl.TestKitJUnit5Extension;
import org.apache.pekko.actor.typed.ActorRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two console clients, each with the client's own connection code, agree through a real server to
 * talk privately and then talk and send files to each other directly on loopback: not through the
 * server, resuming a transfer that a cut connection stopped, closing a connection that does not
 * prove the token, and falling back to the server's direct messages when the other cannot be
 * reached.
 */
@ExtendWith(TestKitJUnit5Extension.class)
@ExtendWith(LogCapturingExtension.class)
class PrivateConversationEndToEndTest {

  private static final Config TEST_CONFIG = ConfigFactory.load("application-test.conf");

  @RegisterExtension static final RunningServer server = new RunningServer(TEST_CONFIG);

  @JUnit5TestKit
  public ActorTestKit testKit = new JUnit5TestKitBuilder().withCustomConfig(TEST_CONFIG).build();

  @TempDir Path folder;

  private final FrameRenderer renderer = new FrameRenderer(Clock.systemDefaultZone(), "HH:mm:ss");

  private record Client(String nick, ActorRef<Connection.Command> connection, RecordingView view) {

    void type(UserCommand command, ActorTestKit testKit) {
      connection.tell(new Connection.Submit(command, testKit.system().ignoreRef()));
    }

    <T extends PeerEvent> T await(Class<T> type) {
      return await(type, any -> true);
    }

    <T extends PeerEvent> T await(Class<T> type, java.util.function.Predicate<T> matching) {
      var shown =
          view.await(
              ClientEvent.Private.class,
              peer -> type.isInstance(peer.event()) && matching.test(type.cast(peer.event())));
      return type.cast(shown.event());
    }

    <T extends PeerEvent> List<T> shownSoFar(Class<T> type) {
      return view.shownSoFar(ClientEvent.Private.class).stream()
          .map(ClientEvent.Private::event)
          .filter(type::isInstance)
          .map(type::cast)
          .toList();
    }
  }

  private Client connect(String nick, Map<String, Object> privateSettings) {
    var settings = new HashMap<String, Object>();
    settings.put("parley.client.port", server.address().getPort());
    settings.put("parley.client.nick", nick);
    settings.put("parley.client.private.bind-host", "127.0.0.1");
    settings.put("parley.client.private.connect-timeout", "10s");
    settings.put("parley.client.private.downloads", folder.resolve(nick).toString());
    privateSettings.forEach((key, value) -> settings.put("parley.client.private." + key, value));
    var config = ConfigFactory.parseMap(settings).withFallback(TEST_CONFIG);
    // a loaded machine: the direct links and files are what is shown, not how fast
    var view = new RecordingView(Duration.ofSeconds(30));
    var connection = testKit.spawn(Connection.create(ConnectionSettings.fromConfig(config), view));
    view.await(ClientEvent.PromptChanged.class, p -> "lobby".equals(p.room()));
    return new Client(nick, connection, view);
  }

  private Client connect(String nick) {
    return connect(nick, Map.of());
  }

  /** Alice asks bob, bob accepts the latest offer, and both see the direct link open. */
  private void linked(Client alice, Client bob) {
    alice.type(new UserCommand.PrivateAsk(bob.nick()), testKit);
    alice.await(PeerEvent.Asked.class);
    bob.await(PeerEvent.Offered.class, offered -> offered.nick().equals(alice.nick()));
    bob.type(new UserCommand.PrivateAnswer(null, true), testKit);
    alice.await(PeerEvent.Opened.class, opened -> opened.nick().equals(bob.nick()));
    bob.await(PeerEvent.Opened.class, opened -> opened.nick().equals(alice.nick()));
  }

  private Path randomFile(String name, int bytes) throws IOException {
    byte[] content = new byte[bytes];
    new Random(bytes).nextBytes(content);
    return Files.write(folder.resolve(name), content);
  }

  private String rendered(PeerEvent event) {
    return renderer.render(new ClientEvent.Private(event)).stream()
        .map(Object::toString)
        .collect(Collectors.joining("\n"));
  }

  private static int freePort() throws IOException {
    try (var socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  @Test
  void twoClientsTalkOverTheirDirectLink() {
    Client alice = connect("palice1");
    Client bob = connect("pbob1");
    linked(alice, bob);

    alice.type(new UserCommand.PrivateSay("pbob1", "hello, just us"), testKit);
    var heard = bob.await(PeerEvent.Said.class);
    assertEquals(
        List.of("palice1", "palice1", "hello, just us"),
        List.of(heard.nick(), heard.from(), heard.text()));
    bob.type(new UserCommand.PrivateSay("palice1", "hi alice"), testKit);
    assertEquals(
        "hi alice", alice.await(PeerEvent.Said.class, said -> said.from().equals("pbob1")).text());

    bob.type(new UserCommand.PrivateClose("palice1"), testKit);
    bob.await(PeerEvent.Closed.class);
    alice.await(PeerEvent.Closed.class, closed -> closed.reason().contains("pbob1"));
    alice.type(new UserCommand.PrivateSay("pbob1", "still there?"), testKit);
    assertTrue(alice.await(PeerEvent.Refused.class).reason().contains("/msg pbob1"));
  }

  @Test
  void aDeclinedOfferOpensNoLink() {
    Client alice = connect("palice2");
    Client bob = connect("pbob2");
    alice.type(new UserCommand.PrivateAsk("pbob2"), testKit);
    bob.await(PeerEvent.Offered.class);

    bob.type(new UserCommand.PrivateAnswer("palice2", false), testKit);

    assertTrue(alice.await(PeerEvent.Declined.class).why().contains("pbob2 declined"));
    bob.type(new UserCommand.PrivateAnswer(null, true), testKit);
    assertEquals("no offer to answer", bob.await(PeerEvent.Refused.class).reason());
  }

  @Test
  void aFileGoesDirectlyWithProgressAndItsChecksumChecked() throws IOException {
    Client alice = connect("palice3");
    Client bob = connect("pbob3");
    linked(alice, bob);
    Path sent = randomFile("photo.jpg", 3 * 1024 * 1024 + 17);

    alice.type(new UserCommand.PrivateSend("pbob3", sent.toString()), testKit);

    var received = bob.await(PeerEvent.FileDone.class);
    var delivered = alice.await(PeerEvent.FileDone.class);
    assertArrayEquals(Files.readAllBytes(sent), Files.readAllBytes(received.savedAs()));
    assertEquals(folder.resolve("pbob3").resolve("photo.jpg"), received.savedAs());
    assertEquals(FileDigest.sha256(sent), received.sha256());
    assertTrue(delivered.sending());
    var progress = alice.shownSoFar(PeerEvent.Progress.class);
    assertFalse(progress.isEmpty(), "the sender shows its progress");
    var last = progress.get(progress.size() - 1);
    assertEquals(Files.size(sent), last.done());
    assertTrue(last.bytesPerSecond() > 0, last.toString());
    assertTrue(rendered(last).contains("100%"), rendered(last));
    assertFalse(bob.shownSoFar(PeerEvent.Progress.class).isEmpty(), "so does the receiver");
  }

  @Test
  void aTransferThatACutConnectionStoppedGoesOnWhereItStopped() throws IOException {
    int bobPort = freePort();
    try (var relay = new TamperingRelay()) {
      relay.relayTo(new InetSocketAddress(InetAddress.getLoopbackAddress(), bobPort));
      relay.cutOnce(TamperingRelay.Way.UP, 1024 * 1024);
      Client alice = connect("palice4", Map.of("file-window", 4));
      Client bob = connect("pbob4", Map.of("port", bobPort, "advertised-port", relay.port()));
      linked(alice, bob);
      Path sent = randomFile("movie.mkv", 4 * 1024 * 1024);

      alice.type(new UserCommand.PrivateSend("pbob4", sent.toString()), testKit);
      alice.await(PeerEvent.Closed.class);
      bob.await(PeerEvent.FileFailed.class);
      linked(alice, bob);

      var resumed = bob.await(PeerEvent.Resumed.class);
      var received = bob.await(PeerEvent.FileDone.class);
      assertTrue(resumed.offset() > 0 && resumed.offset() < Files.size(sent), resumed.toString());
      assertTrue(
          alice.await(PeerEvent.Resumed.class).offset() == resumed.offset(), "the same offset");
      assertArrayEquals(Files.readAllBytes(sent), Files.readAllBytes(received.savedAs()));
      alice.await(PeerEvent.FileDone.class);
    }
  }

  @Test
  void aConnectionWithAWrongTokenIsClosedAndTheRightOneStillOpens() throws IOException {
    Client bob = connect("pbob5");
    try (var mallory = new RawServerClient("pmallory5")) {
      mallory.send(new ClientFrame.Private(FrameId.of(1), "pbob5", 1));
      bob.await(PeerEvent.Offered.class);
      bob.type(new UserCommand.PrivateAnswer("pmallory5", true), testKit);
      var ready = mallory.await(ServerFrame.PrivateReady.class);

      try (var wrong = new Socket(ready.host(), ready.port())) {
        wrong.setSoTimeout(10_000);
        wrong
            .getOutputStream()
            .write(
                PeerLine.encode(
                        new PeerLine.Hello(
                            ready.offer(), "pmallory5", PeerProof.ofConnecting("guessed")))
                    .getBytes(StandardCharsets.UTF_8));
        assertEquals(-1, wrong.getInputStream().read(), "the connection is closed");
      }
      assertEquals("pmallory5", bob.await(PeerEvent.StrangerTurnedAway.class).nick());

      try (var right = new Socket(ready.host(), ready.port())) {
        right.setSoTimeout(10_000);
        right
            .getOutputStream()
            .write(
                PeerLine.encode(
                        new PeerLine.Hello(
                            ready.offer(), "pmallory5", PeerProof.ofConnecting(ready.token())))
                    .getBytes(StandardCharsets.UTF_8));
        var answer =
            (PeerLine.Hello)
                PeerLine.decode(
                    new BufferedReader(
                            new InputStreamReader(right.getInputStream(), StandardCharsets.UTF_8))
                        .readLine());
        assertEquals("pbob5", answer.nick());
        assertEquals(PeerProof.ofListening(ready.token()), answer.proof());
        bob.await(PeerEvent.Opened.class);
      }
    }
  }

  @Test
  void saysThatDirectMessagesGoThroughTheServerWhenTheOthersPortDoesNotAnswer() throws IOException {
    int deadPort = freePort();
    Client alice = connect("palice6");
    Client bob = connect("pbob6", Map.of("advertised-port", deadPort, "connect-timeout", "1s"));
    alice.type(new UserCommand.PrivateAsk("pbob6"), testKit);
    bob.await(PeerEvent.Offered.class);

    bob.type(new UserCommand.PrivateAnswer(null, true), testKit);

    var toAlice = alice.await(PeerEvent.Unreachable.class);
    assertTrue(toAlice.reason().contains(String.valueOf(deadPort)), toAlice.reason());
    assertTrue(rendered(toAlice).contains("/msg pbob6"), rendered(toAlice));
    var toBob = bob.await(PeerEvent.Unreachable.class);
    assertTrue(rendered(toBob).contains("/msg palice6"), rendered(toBob));
  }

  /** A client of the server's protocol that the test speaks for, as another program would. */
  private static final class RawServerClient implements AutoCloseable {

    private final FrameCodec codec = new FrameCodec();
    private final Socket socket;
    private final OutputStream out;
    private final BufferedReader in;

    RawServerClient(String nick) throws IOException {
      socket = new Socket(server.address().getAddress(), server.address().getPort());
      socket.setSoTimeout(10_000);
      out = socket.getOutputStream();
      in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
      send(new ClientFrame.Hello(FrameId.of("h"), nick, null, null));
      await(ServerFrame.Welcome.class);
    }

    void send(ClientFrame frame) throws IOException {
      out.write(codec.encode(frame));
      out.flush();
    }

    <T extends ServerFrame> T await(Class<T> type) throws IOException {
      while (true) {
        String line = in.readLine();
        if (line == null) {
          throw new AssertionError("the server closed the connection before a " + type);
        }
        ServerFrame frame = codec.decodeServerFrame(line);
        if (type.isInstance(frame)) {
          return type.cast(frame);
        }
      }
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
