package dev.parley.client.connection;

import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The nick and password the {@link Connection} logs in with: what its hello sends, and what a
 * refused hello means. Belongs to the {@link Connection} actor.
 *
 * <p>The password goes out only once the nick is known to be an account: after the server asked for
 * it, after a login with it, after {@code register}.
 */
final class Login {

  /** What to do about a refused hello. */
  sealed interface Refusal permits HelloWithPassword, RetryHeldNick, AskTheUser {}

  /** The nick is an account and the password is at hand: say hello again, with it. */
  enum HelloWithPassword implements Refusal {
    INSTANCE
  }

  /** The nick is held, most likely by this client's lost session: say hello again later. */
  record RetryHeldNick(ClientEvent.NickHeld held) implements Refusal {}

  /** Tell the user, and wait for another nick or a password. */
  record AskTheUser(ClientEvent question) implements Refusal {}

  private final ConnectionSettings settings;
  private String nick;
  private String password;
  private boolean helloNeedsPassword;
  private boolean helloHadPassword;
  private FrameId helloId;
  // a hello was refused: the next one waits for the user's answer
  private boolean awaitingUser;
  private int heldNickAttempts;

  /** {@code password}: the nick's password, for when it is an account; may be null. */
  Login(ConnectionSettings settings, String password) {
    this.settings = settings;
    this.nick = settings.nick();
    this.password = password;
  }

  String nick() {
    return nick;
  }

  /** Whether a hello was refused and the next one waits for the user's nick or password. */
  boolean awaitingUser() {
    return awaitingUser;
  }

  /** Whether the session, once welcomed, is logged in to an account. */
  boolean isAccount() {
    // a welcome keeps helloNeedsPassword only for a hello that had the password
    return helloNeedsPassword;
  }

  /**
   * The hello to send as frame {@code id}; {@code welcomedBefore}: this client had a session
   * before.
   */
  ClientFrame.Hello hello(FrameId id, boolean welcomedBefore) {
    helloId = id;
    String sent = helloNeedsPassword && nick != null ? password : null;
    helloHadPassword = sent != null;
    // back after a lost connection, with the account's password: the server may not have seen
    // the lost connection end, and holds the nick for it
    Boolean takeOver = welcomedBefore && helloHadPassword ? Boolean.TRUE : null;
    return new ClientFrame.Hello(id, nick, sent, settings.clientName(), takeOver);
  }

  /** Whether {@code re} names the hello last sent, not yet welcomed. */
  boolean isHello(FrameId re) {
    return re != null && re.equals(helloId);
  }

  void welcomed(String nick) {
    this.nick = nick;
    helloId = null;
    // logged in with the password: a reconnect sends it at once
    helloNeedsPassword = helloHadPassword;
    heldNickAttempts = 0;
  }

  void tryNick(String nick) {
    awaitingUser = false;
    this.nick = nick;
    // the password belongs to the nick it was given for
    password = null;
    helloNeedsPassword = false;
  }

  void tryPassword(String password) {
    awaitingUser = false;
    this.password = password;
    helloNeedsPassword = true;
  }

  void registered(String password) {
    this.password = password;
    helloNeedsPassword = true;
  }

  /** The server refused the hello with {@code error}; {@code welcomedBefore} as for a hello. */
  Refusal refused(ServerFrame.Error error, boolean welcomedBefore) {
    ErrorCode code = error.code();
    if (code == ErrorCode.AUTH_FAILED && nick != null && !helloHadPassword && password != null) {
      helloNeedsPassword = true;
      return HelloWithPassword.INSTANCE;
    }
    if (code == ErrorCode.NICK_TAKEN
        && welcomedBefore
        && heldNickAttempts < settings.heldNickRetries()) {
      return new RetryHeldNick(
          new ClientEvent.NickHeld(
              nick,
              settings
                  .reconnect()
                  .delay(heldNickAttempts++, ThreadLocalRandom.current().nextDouble())));
    }
    awaitingUser = true;
    if (nick != null && (code == ErrorCode.AUTH_FAILED || code == ErrorCode.LOCKED_OUT)) {
      if (code == ErrorCode.AUTH_FAILED && helloHadPassword) {
        password = null;
      }
      return new AskTheUser(new ClientEvent.PasswordWanted(nick, error, helloHadPassword));
    }
    return new AskTheUser(new ClientEvent.NickRefused(error));
  }
}
