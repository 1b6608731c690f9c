package dev.parley.server.http;

import dev.parley.server.session.ClientConnection;
import dev.parley.server.session.ConnectionInput;
import dev.parley.server.session.ConnectionOutput;
import dev.parley.server.session.Inbound;
import dev.parley.server.session.JsonDialect;
import dev.parley.server.session.SessionStreams;
import dev.parley.server.settings.ParleySettings;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.pekko.NotUsed;
import org.apache.pekko.http.javadsl.model.ws.Message;
import org.apache.pekko.http.javadsl.model.ws.TextMessage;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.util.ByteString;

/**
 * What each WebSocket connection runs, built once for all of them: each text message is a frame for
 * the session, which takes them one at a time; each frame of the session's output goes back as a
 * text message of its own.
 */
final class WebSocketSessionFlow {

  private final Flow<Message, Message, Pair<ConnectionInput, ConnectionOutput>> flow;
  private final JsonDialect json;

  WebSocketSessionFlow(ParleySettings settings, JsonDialect json, Materializer materializer) {
    this.json = json;
    var reader = new WebSocketFrameReader(settings.protocol().maxFrameBytes(), json, materializer);
    var input =
        Flow.of(Message.class)
            .mapAsync(1, reader::read)
            .toMat(SessionStreams.<Inbound>input(() -> inbound -> List.of(inbound)), Keep.right());
    // whole frames, each a text message: the pieces are cut at newlines again
    var output =
        SessionStreams.output(settings.session().maxWriteBytes())
            .statefulMapConcat(() -> new TextMessages()::of);
    // not coupled: the input ends only once the client closed, all output written
    this.flow = Flow.fromSinkAndSourceMat(input, output, Keep.both());
  }

  /** The flow of one client's connection, TLS or not, handed to {@code admit} once it runs. */
  Flow<Message, Message, NotUsed> forClient(
      InetSocketAddress remote, boolean secure, Consumer<ClientConnection> admit) {
    return flow.mapMaterializedValue(
        ends -> {
          admit.accept(new ClientConnection(remote, secure, ends.first(), ends.second(), json));
          return NotUsed.getInstance();
        });
  }

  /**
   * The frames in the session's output, each a text message: the output is frames of JSON, each
   * ended by a newline (which JSON escapes inside), handed over in pieces that may end amid one.
   */
  private static final class TextMessages {

    private ByteString partial = ByteString.emptyByteString();

    List<Message> of(ByteString piece) {
      var messages = new ArrayList<Message>(2);
      ByteString bytes = partial.isEmpty() ? piece : partial.concat(piece);
      int start = 0;
      for (int newline = bytes.indexOf((byte) '\n', 0);
          newline >= 0;
          newline = bytes.indexOf((byte) '\n', start)) {
        messages.add(TextMessage.create(bytes.slice(start, newline).utf8String()));
        start = newline + 1;
      }
      partial = bytes.drop(start);
      return messages;
    }
  }
}
