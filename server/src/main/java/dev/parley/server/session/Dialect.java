package dev.parley.server.session;

import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.SharedFrames;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.util.ByteString;

/**
 * The protocol a client speaks, as its session sees it: what the client's arrivals ask of the
 * session, and the bytes of what the session tells the client. One serves one connection and is
 * used only by its session, so it may keep what it learns from both directions.
 */
public interface Dialect {

  /**
   * The frames an arrival in the door's own protocol stands for, in order; what the dialect answers
   * itself is among them, as {@link Inbound.Answered}.
   */
  List<Inbound> read(Inbound.Native arrival);

  /** A frame for this client alone: an answer, an error, a direct message, a bye. */
  ByteString encode(ServerFrame frame);

  /** Frames told to many clients, encoded once for every client of the same format. */
  ByteString encode(SharedFrames frames);

  /** A room message the client itself posted, as the answer to its {@code say} {@code re}. */
  ByteString encodeOwn(SharedFrames message, FrameId re);

  /**
   * What asks a quiet client whether it is still there, before the idle timeout ends its session;
   * empty for a protocol whose clients keep their connections alive themselves.
   */
  default Optional<ByteString> keepAlive() {
    return Optional.empty();
  }

  /**
   * The requests the dialect makes of its own as it encodes the answers to the client's, taken
   * once: they are handled before anything else that arrived, as the rest of the request answered.
   * An IRC {@code JOIN} of a room that does not exist goes on as a {@code create}.
   */
  default List<Inbound> takeFollowUps() {
    return List.of();
  }
}
