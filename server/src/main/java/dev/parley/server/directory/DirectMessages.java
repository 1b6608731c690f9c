package dev.parley.server.directory;

import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.account.Account;
import dev.parley.server.directory.Directory.Answer;
import dev.parley.server.directory.Directory.Command;
import dev.parley.server.directory.Directory.DirectReceived;
import dev.parley.server.directory.Directory.MayShare;
import dev.parley.server.directory.Directory.SendDirect;
import dev.parley.server.directory.Directory.Sharer;
import dev.parley.server.directory.Presence.Online;
import dev.parley.server.persistence.WriteBeingStored;
import dev.parley.server.settings.AccountSettings;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.persistence.typed.javadsl.Effect;
import org.apache.pekko.persistence.typed.javadsl.EffectFactories;

/**
 * The directory's direct messages: told at once to a recipient online, kept in an offline account's
 * mailbox (answered once stored), refused where the recipient blocks the sender; and the mail that
 * waits for an account at its login.
 */
final class DirectMessages {

  private final AccountSettings settings;
  private final Presence presence;
  private final KnownUsers users;
  private final WriteBeingStored<DirectoryState> beingStored;
  private final ActorRef<Command> directory;

  DirectMessages(
      AccountSettings settings,
      Presence presence,
      KnownUsers users,
      WriteBeingStored<DirectoryState> beingStored,
      ActorRef<Command> directory) {
    this.settings = settings;
    this.presence = presence;
    this.users = users;
    this.beingStored = beingStored;
    this.directory = directory;
  }

  Effect<DirectoryEvent, DirectoryState> send(
      DirectoryState state,
      SendDirect send,
      EffectFactories<DirectoryEvent, DirectoryState> effects) {
    String toKey = Directory.key(send.to());
    Online recipient = presence.online(toKey);
    Account account = users.accountOf(state, toKey);
    Optional<ServerFrame.Error> refusal = refusal(state, send.from(), send.to(), send.re());
    if (refusal.isPresent()) {
      send.replyTo().tell(new Answer(refusal.get()));
    } else if (recipient != null) {
      Instant ts = Directory.now();
      recipient.session.tell(new DirectReceived(told(send, recipient, ts, null, null)));
      // the sender's echo names the recipient's away message
      send.replyTo().tell(new Answer(told(send, recipient, ts, send.re(), recipient.away)));
    } else if (state.mailFor(toKey).size() >= settings.mailboxSize()) {
      send.replyTo()
          .tell(
              Answer.error(
                  send.re(), ErrorCode.MAILBOX_FULL, account.nick() + "'s mailbox is full"));
    } else {
      var kept =
          new DirectoryEvent.MailKept(
              send.from(), account.nick(), send.text(), Directory.now(), send.file());
      return beingStored.persist(
          effects,
          List.of(kept),
          () -> directory.tell(send),
          stored ->
              send.replyTo()
                  .tell(
                      new Answer(
                          new ServerFrame.Direct(
                              send.re(),
                              kept.from(),
                              kept.to(),
                              kept.text(),
                              kept.ts(),
                              null,
                              true,
                              null,
                              null,
                              kept.file()))));
    }
    return effects.none();
  }

  void answer(DirectoryState state, MayShare ask) {
    ask.replyTo()
        .tell(
            new Sharer(
                users.accountOf(state, Directory.key(ask.from())) != null,
                ask.to() == null
                    ? Optional.empty()
                    : refusal(state, ask.from(), ask.to(), ask.re())));
  }

  /**
   * The mail that waits for {@code key}: an account's only, not a guest's under a nick that was.
   */
  List<ServerFrame.Direct> mailFor(DirectoryState state, String key) {
    if (users.accountOf(state, key) == null) {
      return List.of();
    }
    Instant now = Directory.now();
    return state.mailFor(key).stream()
        .map(
            kept ->
                new ServerFrame.Direct(
                    null,
                    kept.from(),
                    kept.to(),
                    kept.text(),
                    kept.ts(),
                    true,
                    null,
                    null,
                    null,
                    kept.fileAsOf(now)))
        .toList();
  }

  /** Why {@code from} may not send {@code to} a direct message, answering {@code re}. */
  private Optional<ServerFrame.Error> refusal(
      DirectoryState state, String from, String to, FrameId re) {
    String fromKey = Directory.key(from);
    String toKey = Directory.key(to);
    if (fromKey.equals(toKey)) {
      return Optional.of(error(re, ErrorCode.SELF, "that is you"));
    } else if (!presence.isOnline(toKey) && users.accountOf(state, toKey) == null) {
      return Optional.of(
          error(re, ErrorCode.NO_SUCH_USER, "nobody called " + to + " is online or registered"));
    } else if (users.blocksOf(state, toKey).contains(fromKey)) {
      return Optional.of(error(re, ErrorCode.BLOCKED, to + " does not take your messages"));
    }
    return Optional.empty();
  }

  private static ServerFrame.Direct told(
      SendDirect send, Online recipient, Instant ts, FrameId re, String away) {
    return new ServerFrame.Direct(
        re,
        send.from(),
        recipient.nick,
        send.text(),
        ts,
        null,
        null,
        away,
        send.notice(),
        send.file());
  }

  private static ServerFrame.Error error(FrameId re, ErrorCode code, String message) {
    return new ServerFrame.Error(re, code, message, null);
  }
}
