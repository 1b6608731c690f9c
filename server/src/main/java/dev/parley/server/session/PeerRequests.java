package dev.parley.server.session;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.peer.PeerBroker;
import java.nio.charset.StandardCharsets;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The frames of private conversations ({@code private}, {@code private_answer}, {@code signal}),
 * sent on to the {@link PeerBroker} with the client's address as the server sees it; its answers
 * come back as the directory's do.
 */
final class PeerRequests {

  private final SessionServices services;
  private final ClientConnection connection;
  private final ActorRef<Directory.Event> directoryEvents;
  private final ReadGate gate;
  private final OutputPump output;

  PeerRequests(
      SessionServices services,
      ClientConnection connection,
      ActorRef<Directory.Event> directoryEvents,
      ReadGate gate,
      OutputPump output) {
    this.services = services;
    this.connection = connection;
    this.directoryEvents = directoryEvents;
    this.gate = gate;
    this.output = output;
  }

  static boolean isPeerFrame(ClientFrame frame) {
    return frame instanceof ClientFrame.Private
        || frame instanceof ClientFrame.PrivateAnswer
        || frame instanceof ClientFrame.Signal;
  }

  /** Carries out a frame of {@link #isPeerFrame} from the user {@code nick}. */
  void handle(ClientFrame frame, String nick) {
    if (frame instanceof ClientFrame.Private offer) {
      ask(
          new PeerBroker.Offer(
              nick, connection.host(), offer.port(), offer.to(), offer.id(), directoryEvents));
    } else if (frame instanceof ClientFrame.PrivateAnswer answer) {
      ask(
          new PeerBroker.Answer(
              answer.offer(),
              answer.accept(),
              connection.host(),
              answer.port(),
              answer.id(),
              directoryEvents));
    } else if (frame instanceof ClientFrame.Signal signal) {
      int most = services.settings().privateConversations().maxSignalBytes();
      int size = signal.payload().toString().getBytes(StandardCharsets.UTF_8).length;
      if (size > most) {
        output.send(
            new ServerFrame.Error(
                signal.id(),
                ErrorCode.BAD_REQUEST,
                "field 'payload' has " + size + " bytes of JSON, more than " + most,
                null));
      } else {
        ask(new PeerBroker.Relay(signal.offer(), signal.payload(), signal.id(), directoryEvents));
      }
    }
  }

  private void ask(PeerBroker.Command request) {
    services.peers().tell(request);
    gate.asked();
  }
}
