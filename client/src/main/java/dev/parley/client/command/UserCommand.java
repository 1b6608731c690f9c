package dev.parley.client.command;

/**
 * What a line the user typed asks for. A {@code null} room means the current room; a {@code null}
 * optional argument means the server's default.
 */
public sealed interface UserCommand {

  /** Plain text, for the current room. */
  record Say(String text) implements UserCommand {}

  record Create(String room, String topic) implements UserCommand {}

  record Join(String room) implements UserCommand {}

  record Leave(String room) implements UserCommand {}

  /** An operator's kick of {@code nick} out of {@code room}; {@code text}, or null, says why. */
  record Kick(String room, String nick, String text) implements UserCommand {}

  enum ListRooms implements UserCommand {
    INSTANCE
  }

  record Who(String room) implements UserCommand {}

  record ListUsers(Long sinceSeconds) implements UserCommand {}

  record SetTopic(String topic) implements UserCommand {}

  record DirectMessage(String to, String text) implements UserCommand {}

  record Block(String nick) implements UserCommand {}

  record Unblock(String nick) implements UserCommand {}

  /** {@code text} null: back again. */
  record Away(String text) implements UserCommand {}

  /** {@code password} is null as typed: the console asks for it, never the command line. */
  record Register(String password) implements UserCommand {

    // a record would print the password into logs and test reports
    @Override
    public String toString() {
      return password == null ? "Register[no password yet]" : "Register[password hidden]";
    }
  }

  record ShowHistory(Integer limit) implements UserCommand {}

  record Quit(String text) implements UserCommand {}

  /**
   * Switch to window {@code number}, from 1; null, list the windows. Answered by the console
   * itself; nothing goes to the server.
   */
  record SwitchWindow(Integer number) implements UserCommand {}

  /** Answered by the client itself; nothing goes to the server. */
  enum Help implements UserCommand {
    INSTANCE
  }

  /** What goes to the {@code dev.parley.client.peer} side of the client: private conversations. */
  sealed interface ToPeer extends UserCommand {}

  /** Ask {@code nick} to talk directly. */
  record PrivateAsk(String nick) implements ToPeer {}

  /** Answer the offer of {@code nick}, or the latest one when null. */
  record PrivateAnswer(String nick, boolean accept) implements ToPeer {}

  /** Text for {@code nick} over the direct link. */
  record PrivateSay(String nick, String text) implements ToPeer {}

  /** A file for {@code nick} over the direct link. */
  record PrivateSend(String nick, String path) implements ToPeer {}

  /** End the direct link with {@code nick}. */
  record PrivateClose(String nick) implements ToPeer {}

  /** About files shared through the server: carried out by the client's file sharing. */
  sealed interface FileCommand extends UserCommand permits SendFile, ListFiles, GetFile {}

  /** Share the file at {@code path} in {@code room}, or with {@code to}: one of them is null. */
  record SendFile(String room, String to, String path) implements FileCommand {}

  enum ListFiles implements FileCommand {
    INSTANCE
  }

  /** Download the file whose id starts with {@code id} to {@code path}; null: the default. */
  record GetFile(String id, String path) implements FileCommand {}

  /** The upload slot that a {@link SendFile} asks of the server, once the file is read. */
  record RequestUpload(
      String name, long size, String contentType, String sha256, String room, String to)
      implements UserCommand {}
}
