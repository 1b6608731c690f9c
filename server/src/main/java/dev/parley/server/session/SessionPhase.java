package dev.parley.server.session;

import dev.parley.protocol.DepartureReason;

/** Where a session is in its life: before a hello was taken, logged in, or on its way out. */
sealed interface SessionPhase {

  /** The client's nick, or null before it logged in. */
  String nick();

  /** No hello taken yet; {@code frames} the client sent so far. */
  record AwaitingHello(int frames) implements SessionPhase {
    @Override
    public String nick() {
      return null;
    }

    AwaitingHello counted() {
      return new AwaitingHello(frames + 1);
    }
  }

  /**
   * Logged in as {@code nick}; {@code login} is the directory's number for this login, which rooms
   * compare with other logins of the nick. {@code mailToTake} is the mail given with the welcome
   * that leaves the store once the client sends its next frame. {@code operator}: a room operator,
   * who may kick.
   */
  record LoggedIn(String nick, long login, int mailToTake, boolean operator)
      implements SessionPhase {
    LoggedIn mailTaken() {
      return new LoggedIn(nick, login, 0, operator);
    }
  }

  /**
   * Leaving for {@code reason}; {@code nick} is null if the client never logged in; {@code text}:
   * the words of its quit, or null.
   */
  record Departing(DepartureReason reason, String nick, String text) implements SessionPhase {}
}
