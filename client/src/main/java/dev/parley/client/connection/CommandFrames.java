package dev.parley.client.connection;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;

/** How a command becomes a frame for the server, and how an answer names the frame it answers. */
final class CommandFrames {

  private CommandFrames() {}

  /**
   * The frame that carries out {@code command}, or null when it needs a current room and there is
   * none. {@code current} is the current room, or null.
   */
  static ClientFrame frameFor(FrameId id, UserCommand command, String current) {
    if (command instanceof UserCommand.Say say) {
      return current == null ? null : new ClientFrame.Say(id, current, say.text());
    }
    if (command instanceof UserCommand.Create create) {
      return new ClientFrame.Create(id, create.room(), create.topic());
    }
    if (command instanceof UserCommand.Join join) {
      return new ClientFrame.Join(id, join.room());
    }
    if (command instanceof UserCommand.Leave leave) {
      String room = leave.room() != null ? leave.room() : current;
      return room == null ? null : new ClientFrame.Leave(id, room);
    }
    if (command instanceof UserCommand.Kick kick) {
      return new ClientFrame.Kick(id, kick.room(), kick.nick(), kick.text());
    }
    if (command instanceof UserCommand.Who who) {
      String room = who.room() != null ? who.room() : current;
      return room == null ? null : new ClientFrame.Who(id, room);
    }
    if (command instanceof UserCommand.ListUsers users) {
      return new ClientFrame.Users(id, users.sinceSeconds());
    }
    if (command instanceof UserCommand.SetTopic topic) {
      return current == null ? null : new ClientFrame.Topic(id, current, topic.topic());
    }
    if (command instanceof UserCommand.ShowHistory history) {
      return current == null
          ? null
          : new ClientFrame.History(id, current, null, null, history.limit());
    }
    if (command instanceof UserCommand.DirectMessage direct) {
      return new ClientFrame.Dm(id, direct.to(), direct.text());
    }
    if (command instanceof UserCommand.Block block) {
      return new ClientFrame.Block(id, block.nick());
    }
    if (command instanceof UserCommand.Unblock unblock) {
      return new ClientFrame.Unblock(id, unblock.nick());
    }
    if (command instanceof UserCommand.Away away) {
      return new ClientFrame.Away(id, away.text());
    }
    if (command instanceof UserCommand.Register register && register.password() != null) {
      return new ClientFrame.Register(id, register.password());
    }
    if (command == UserCommand.ListRooms.INSTANCE) {
      return new ClientFrame.Rooms(id);
    }
    if (command instanceof UserCommand.RequestUpload upload) {
      return new ClientFrame.Upload(
          id,
          upload.name(),
          upload.size(),
          upload.contentType(),
          upload.sha256(),
          upload.room(),
          upload.to());
    }
    throw new IllegalArgumentException("not a command for the server: " + command);
  }

  /** The id of the client frame that {@code frame} answers, or null for an event. */
  static FrameId answered(ServerFrame frame) {
    if (frame instanceof ServerFrame.Welcome f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Joined f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Message f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Direct f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Topic f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Error f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Ok f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Pong f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Left f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Members f) {
      return f.re();
    } else if (frame instanceof ServerFrame.Users f) {
      return f.re();
    } else if (frame instanceof ServerFrame.RoomList f) {
      return f.re();
    } else if (frame instanceof ServerFrame.HistoryEnd f) {
      return f.re();
    } else if (frame instanceof ServerFrame.UploadSlot f) {
      return f.re();
    }
    return null;
  }
}
