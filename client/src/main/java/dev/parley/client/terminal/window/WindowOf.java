package dev.parley.client.terminal.window;

import dev.parley.client.connection.ClientEvent;
import dev.parley.client.peer.PeerEvent;
import dev.parley.client.render.FrameRenderer;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;

/**
 * Which window a frame or an event shows in, and how pressing it is there. What happens in a room
 * goes to its window, a direct message to the window of the other party; server notices and what
 * the connection does go to the status window; an answer to something the user typed shows where
 * they typed it, in the current window, as irssi does, and so does the end of being in a room,
 * whose own window closes.
 */
public final class WindowOf {

  private WindowOf() {}

  /** {@code ownNick} may be null; {@code current}: the window the user looks at. */
  public static Conversation frame(ServerFrame frame, String ownNick, Conversation current) {
    String room = roomEventOf(frame);
    // a room name no room has, from another server, is shown but opens no window
    if (ProtocolRules.isValidRoom(room)) {
      return new Conversation.Room(room);
    }
    if (frame instanceof ServerFrame.Direct direct) {
      String other = outgoing(direct, ownNick) ? direct.to() : direct.from();
      return ProtocolRules.isValidNick(other)
          ? new Conversation.Direct(other)
          : Conversation.Status.INSTANCE;
    }
    if (frame instanceof ServerFrame.Error error) {
      return error.re() == null ? Conversation.Status.INSTANCE : current;
    }
    if (frame instanceof ServerFrame.Left
        || frame instanceof ServerFrame.Kicked
        || frame instanceof ServerFrame.RoomList
        || frame instanceof ServerFrame.Users
        || frame instanceof ServerFrame.Members
        || frame instanceof ServerFrame.HistoryEnd
        || frame instanceof ServerFrame.Ok) {
      return current;
    }
    // welcome, notice, bye
    return Conversation.Status.INSTANCE;
  }

  /** How pressing {@code frame} is in its window. */
  public static Activity activity(ServerFrame frame, String ownNick) {
    if (frame instanceof ServerFrame.Message message) {
      if (Boolean.TRUE.equals(message.replay()) || isOwn(message.from(), ownNick)) {
        return Activity.NONE;
      }
      return ownNick != null
              && message.text() != null
              && FrameRenderer.mentions(message.text(), ownNick)
          ? Activity.HIGHLIGHT
          : Activity.MESSAGE;
    }
    if (frame instanceof ServerFrame.Direct direct) {
      return outgoing(direct, ownNick) ? Activity.NONE : Activity.HIGHLIGHT;
    }
    return frame(frame, ownNick, Conversation.Status.INSTANCE) == Conversation.Status.INSTANCE
        ? Activity.MESSAGE
        : Activity.NONE;
  }

  /** How pressing {@code event} is in {@code to}, its window. */
  public static Activity activity(ClientEvent event, Conversation to) {
    if (event instanceof ClientEvent.Private peer) {
      PeerEvent happened = peer.event();
      boolean fromTheOther =
          happened instanceof PeerEvent.Said said && isOwn(said.from(), said.nick());
      return fromTheOther || happened instanceof PeerEvent.Offered
          ? Activity.HIGHLIGHT
          : Activity.MESSAGE;
    }
    return to == Conversation.Status.INSTANCE && !(event instanceof ClientEvent.Connecting)
        ? Activity.MESSAGE
        : Activity.NONE;
  }

  /** {@code current}: the window the user looks at. */
  public static Conversation event(ClientEvent event, Conversation current) {
    if (event instanceof ClientEvent.GapLost lost && lost.room() != null) {
      return new Conversation.Room(lost.room());
    }
    if (event instanceof ClientEvent.Private peer) {
      String nick = peer.event().nick();
      return ProtocolRules.isValidNick(nick)
          ? new Conversation.Private(nick)
          : Conversation.Status.INSTANCE;
    }
    if (event instanceof ClientEvent.Connecting
        || event instanceof ClientEvent.ConnectFailed
        || event instanceof ClientEvent.ConnectionLost
        || event instanceof ClientEvent.CertificateRefused
        || event instanceof ClientEvent.NickHeld) {
      return Conversation.Status.INSTANCE;
    }
    return current;
  }

  /**
   * The room {@code frame} is about, or null: what happens in a room, and the answers that list a
   * room's members or end its history.
   */
  public static String roomOf(ServerFrame frame) {
    if (frame instanceof ServerFrame.Members f) {
      return f.room();
    } else if (frame instanceof ServerFrame.HistoryEnd f) {
      return f.room();
    }
    return roomEventOf(frame);
  }

  private static String roomEventOf(ServerFrame frame) {
    if (frame instanceof ServerFrame.Message f) {
      return f.room();
    } else if (frame instanceof ServerFrame.Joined f) {
      return f.room();
    } else if (frame instanceof ServerFrame.MemberJoined f) {
      return f.room();
    } else if (frame instanceof ServerFrame.MemberLeft f) {
      return f.room();
    } else if (frame instanceof ServerFrame.MemberAway f) {
      return f.room();
    } else if (frame instanceof ServerFrame.Topic f) {
      return f.room();
    } else if (frame instanceof ServerFrame.Gap f) {
      return f.room();
    }
    return null;
  }

  private static boolean outgoing(ServerFrame.Direct direct, String ownNick) {
    return direct.re() != null || isOwn(direct.from(), ownNick);
  }

  private static boolean isOwn(String nick, String ownNick) {
    return nick != null
        && ownNick != null
        && ProtocolRules.canonical(nick).equals(ProtocolRules.canonical(ownNick));
  }
}
