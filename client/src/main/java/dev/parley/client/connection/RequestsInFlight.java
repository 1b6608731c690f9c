package dev.parley.client.connection;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The ids of the frames the {@link Connection} sends, and what each of those that await an answer
 * was sent for. Belongs to the {@link Connection} actor.
 */
final class RequestsInFlight {

  /** Why a frame this client sent is waiting for its answer. */
  sealed interface Request
      permits Asked, RoomNames, Rejoin, AwayAgain, Fill, KeepAlive, Settle, ForPeers {}

  record Asked(UserCommand command, ActorRef<Connection.Outcome> replyTo) implements Request {}

  // the pages of room names fetched so far, for FetchRoomNames
  record RoomNames(List<String> soFar, int pages, ActorRef<List<String>> replyTo)
      implements Request {

    /** The names so far and those of {@code page}, one page more. */
    RoomNames withPage(ServerFrame.RoomList page) {
      var names = new ArrayList<>(soFar);
      page.rooms().forEach(summary -> names.add(summary.room()));
      return new RoomNames(List.copyOf(names), pages + 1, replyTo);
    }
  }

  record Rejoin(String room) implements Request {}

  // the away message of the session before, set again on a new one
  enum AwayAgain implements Request {
    INSTANCE
  }

  record Fill(String room) implements Request {}

  enum KeepAlive implements Request {
    INSTANCE
  }

  // its pong comes after the auto-joins of the welcome: from then on, input goes out
  enum Settle implements Request {
    INSTANCE
  }

  // a frame of the private conversations: its answer goes back to them
  record ForPeers(ActorRef<ServerFrame> replyTo) implements Request {}

  private final Map<FrameId, Request> requests = new HashMap<>();
  private long nextId = 1;

  /** The id for the next frame sent, whether it awaits an answer or not. */
  FrameId nextId() {
    return FrameId.of(nextId++);
  }

  void put(FrameId id, Request request) {
    requests.put(id, request);
  }

  /** What the frame {@code re} was sent for; null when nothing awaits it, or {@code re} is null. */
  Request find(FrameId re) {
    return re == null ? null : requests.get(re);
  }

  /** As {@link #find}, and the request no longer awaits an answer. */
  Request take(FrameId re) {
    return re == null ? null : requests.remove(re);
  }

  /**
   * When {@code frame} answers what the user asked, the asker hears so; a message in answer to
   * {@code /history} is only one of its answers.
   */
  void answerAsker(ServerFrame frame) {
    FrameId re = CommandFrames.answered(frame);
    if (re != null
        && requests.get(re) instanceof Asked asked
        && !(asked.command() instanceof UserCommand.ShowHistory
            && frame instanceof ServerFrame.Message)) {
      requests.remove(re);
      asked.replyTo().tell(Connection.Answered.INSTANCE);
    }
  }

  /** No answer will come to any of them: those who asked hear so. */
  void forgetAll() {
    for (Request request : requests.values()) {
      if (request instanceof Asked asked) {
        asked.replyTo().tell(Connection.Answered.INSTANCE);
      } else if (request instanceof RoomNames fetch) {
        fetch.replyTo().tell(fetch.soFar());
      } else if (request instanceof ForPeers forPeers) {
        forPeers
            .replyTo()
            .tell(new ServerFrame.Error(null, ErrorCode.UNKNOWN, "connection lost", null));
      }
    }
    requests.clear();
  }
}
