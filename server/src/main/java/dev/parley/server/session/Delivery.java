package dev.parley.server.session;

import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.room.Room;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * What the rooms and the directory tell a logged-in session, on its way to the client: answers to
 * its requests, direct messages, the rooms' events and their messages, without those of the senders
 * it blocks. A slow reader's room messages may be dropped (and announced with a gap); nothing else
 * is.
 */
final class Delivery {

  private final OutputPump output;
  private final Dialect dialect;
  private final ReadGate gate;
  private final Requests requests;
  private final BlockedSenders blocked;
  // where this session's posts come from, to tell its own messages from the others'
  private final ActorRef<Room.Event> self;

  Delivery(
      OutputPump output,
      ReadGate gate,
      Requests requests,
      BlockedSenders blocked,
      ActorRef<Room.Event> self) {
    this.dialect = output.dialect();
    this.output = output;
    this.gate = gate;
    this.requests = requests;
    this.blocked = blocked;
    this.self = self;
  }

  /** Delivers {@code event}; answers whether it answered a request, so that more may be read. */
  boolean deliver(Room.Event event) {
    if (event instanceof Room.MessagesPosted posted) {
      return onMessagesPosted(posted);
    } else if (event instanceof Room.Broadcast broadcast) {
      output.sendUnasked(broadcast.frames());
      return false;
    } else if (event instanceof Room.Kicked kicked) {
      requests.left(kicked.frame().room());
      output.addUnasked(dialect.encode(kicked.frame()));
      return false;
    } else if (event instanceof Room.Joined joined) {
      if (requests.rooms().isRejoining(joined.roomName())) {
        onJoinedAgain(joined);
        return false;
      }
      if (!requests.roomRequests().answered(joined.frame().re())) {
        // the client was told the room did not answer: it asks again, and is answered at once
        requests.joined(joined.roomName(), joined.room());
        return false;
      }
      gate.answered();
      requests.joined(joined.roomName(), joined.room());
      joined.replay().forEach(message -> requests.rooms().sending(message.room(), message.seq()));
      var replay = blocked.withoutBlocked(joined.replay());
      var frame = joined.frame();
      output.send(
          new ServerFrame.Joined(
              frame.re(), frame.room(), frame.topic(), frame.members(), replay.size()));
      replay.forEach(output::send);
      joined.missed().ifPresent(output::send);
      return true;
    } else if (event instanceof Room.Answer answer) {
      if (!requests.roomRequests().answered(answer.frames().get(answer.frames().size() - 1).re())) {
        return false;
      }
      gate.answered();
      if (answer.frames().get(0) instanceof ServerFrame.Left left) {
        requests.left(left.room());
      }
      blocked.withoutBlockedHistory(answer.frames()).forEach(this::sendAnswer);
      return true;
    }
    return false;
  }

  /**
   * Delivers what the directory tells, but for a login, which the session takes itself; answers
   * whether it answered a request.
   */
  boolean deliver(Directory.Event event) {
    if (event instanceof Directory.DirectReceived direct) {
      output.addUnasked(dialect.encode(direct.frame()));
      return false;
    }
    if (event instanceof Directory.Told told) {
      output.addUnasked(dialect.encode(told.frame()));
      return false;
    }
    gate.answered();
    if (event instanceof Directory.Answer answer) {
      output.send(answer.frame());
    } else if (event instanceof Directory.BlocksChanged changed) {
      blocked.replaceWith(changed.blocked());
      output.send(new ServerFrame.Ok(changed.re()));
    }
    return true;
  }

  /**
   * The session joined again the room that moved: the client hears nothing of it but the messages
   * it missed meanwhile, as they came.
   */
  private void onJoinedAgain(Room.Joined joined) {
    requests.joined(joined.roomName(), joined.room());
    for (ServerFrame.Message message : joined.replay()) {
      if (!blocked.blocks(message.from())) {
        sendRoomMessage(
            new ServerFrame.Message(
                null,
                message.room(),
                message.seq(),
                message.from(),
                message.text(),
                message.ts(),
                null,
                message.notice(),
                message.file()));
      }
    }
    joined
        .missed()
        .ifPresent(gap -> output.addKeptRoomMessage(joined.roomName(), dialect.encode(gap)));
    output.write();
  }

  private void sendRoomMessage(ServerFrame.Message message) {
    requests
        .rooms()
        .sending(message.room(), message.seq())
        .ifPresent(gap -> output.addKeptRoomMessage(message.room(), dialect.encode(gap)));
    output.addRoomMessage(message.room(), message.seq(), dialect.encode(message));
  }

  private boolean onMessagesPosted(Room.MessagesPosted posted) {
    boolean member = requests.isIn(posted.roomName());
    if (member) {
      var messages = posted.messages();
      // a jump in seq: what the room stored while it moved to this batch's node is told as a gap
      requests
          .rooms()
          .sending(posted.roomName(), messages.get(0).seq())
          .ifPresent(gap -> output.addKeptRoomMessage(posted.roomName(), dialect.encode(gap)));
      requests.rooms().sending(posted.roomName(), messages.get(messages.size() - 1).seq());
    }
    if (member
        && !posted.posters().contains(self)
        && blocked.blocksNoneOf(posted.senders())
        && output.addRoomMessages(posted.roomName(), dialect.encode(posted.frames()))) {
      output.write();
      return false;
    }
    boolean answered = false;
    for (Room.PostedMessage message : posted.messages()) {
      if (message.poster().equals(self) && requests.roomRequests().answered(message.re())) {
        // the echo of one's own message is live: it must not overtake the gap of its room
        output.addKeptRoomMessage(
            posted.roomName(), dialect.encodeOwn(message.frame(), message.re()));
        gate.answered();
        answered = true;
      } else if (member && !blocked.blocks(message.from())) {
        output.addRoomMessage(posted.roomName(), message.seq(), dialect.encode(message.frame()));
      }
    }
    // a batch already: written at once
    output.write();
    return answered;
  }

  // the echo of one's own message is live: it must not overtake the gap of its room
  private void sendAnswer(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message message && message.replay() == null) {
      output.addKeptRoomMessage(message.room(), dialect.encode(frame));
    } else {
      output.send(frame);
    }
  }
}
