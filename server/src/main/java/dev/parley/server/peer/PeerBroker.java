package dev.parley.server.peer;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.protocol.DeclineReason;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.PeerRole;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.directory.Directory;
import dev.parley.server.settings.PrivateSettings;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;

/**
 * Introduces two clients for a private conversation: an offer from one to the other, its answer,
 * and on acceptance each side's address as the server saw it and one token for both; then relays
 * {@code signal} payloads between the two, and nothing else. An offer ends when either session
 * does. The sessions hear from it as from the directory: answers to their own frames, and {@link
 * Directory.Told} for the rest.
 */
public final class PeerBroker extends AbstractBehavior<PeerBroker.Command> {

  public sealed interface Command
      permits Offer, Answer, Relay, PeerLookedUp, OfferTimedOut, SessionEnded {}

  /** {@code from}, connected from {@code host} and listening on {@code port}, asks {@code to}. */
  public record Offer(
      String from, String host, int port, String to, FrameId re, ActorRef<Directory.Event> session)
      implements Command {}

  /** The one asked, connected from {@code host}, answers; {@code port} only with {@code accept}. */
  public record Answer(
      String offer,
      boolean accept,
      String host,
      Integer port,
      FrameId re,
      ActorRef<Directory.Event> session)
      implements Command {}

  /** A {@code signal} payload for the other side of an accepted offer. */
  public record Relay(String offer, JsonNode payload, FrameId re, ActorRef<Directory.Event> session)
      implements Command {}

  private record PeerLookedUp(Offer offer, Directory.PeerFound found) implements Command {}

  private record OfferTimedOut(String offer) implements Command {}

  private record SessionEnded(ActorRef<Directory.Event> session) implements Command {}

  /** One side of an offer: where it is, as the server saw it. */
  private record Side(String nick, ActorRef<Directory.Event> session, String host, int port) {}

  /** Where an offer is: asked and waiting for its answer, or agreed on by both. */
  private sealed interface OpenOffer {
    String id();

    Side requester();

    ActorRef<Directory.Event> target();
  }

  private record Asked(
      String id, Side requester, String targetNick, ActorRef<Directory.Event> target)
      implements OpenOffer {}

  private record Agreed(String id, Side requester, Side answerer) implements OpenOffer {
    @Override
    public ActorRef<Directory.Event> target() {
      return answerer.session();
    }
  }

  private static final int TOKEN_BYTES = 24;

  public static Behavior<Command> create(
      PrivateSettings settings, ActorRef<Directory.Command> directory) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(timers -> new PeerBroker(context, timers, settings, directory)));
  }

  private final TimerScheduler<Command> timers;
  private final PrivateSettings settings;
  private final ActorRef<Directory.Command> directory;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, OpenOffer> offers = new HashMap<>();
  private final Set<ActorRef<Directory.Event>> watched = new HashSet<>();
  private long nextOffer = 1;

  private PeerBroker(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PrivateSettings settings,
      ActorRef<Directory.Command> directory) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.directory = directory;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Offer.class, this::onOffer)
        .onMessage(PeerLookedUp.class, this::onPeerLookedUp)
        .onMessage(Answer.class, this::onAnswer)
        .onMessage(Relay.class, this::onRelay)
        .onMessage(OfferTimedOut.class, this::onOfferTimedOut)
        .onMessage(SessionEnded.class, this::onSessionEnded)
        .build();
  }

  private Behavior<Command> onOffer(Offer offer) {
    long waiting =
        offers.values().stream()
            .filter(
                open -> open instanceof Asked && open.requester().session().equals(offer.session()))
            .count();
    if (waiting >= settings.maxOpenOffers()) {
      long seconds = Math.max(1, settings.offerTimeout().toSeconds());
      offer
          .session()
          .tell(
              new Directory.Answer(
                  new ServerFrame.Error(
                      offer.re(),
                      ErrorCode.SERVER_BUSY,
                      waiting + " offers of yours wait for their answers already",
                      seconds)));
      return this;
    }
    getContext()
        .ask(
            Directory.PeerFound.class,
            directory,
            settings.offerTimeout(),
            replyTo -> new Directory.FindPeer(offer.from(), offer.to(), replyTo),
            (found, failure) ->
                new PeerLookedUp(
                    offer,
                    found != null
                        ? found
                        : new Directory.PeerRefused(
                            ErrorCode.NO_SUCH_USER, "the server could not find " + offer.to())));
    return this;
  }

  private Behavior<Command> onPeerLookedUp(PeerLookedUp lookedUp) {
    Offer offer = lookedUp.offer();
    if (lookedUp.found() instanceof Directory.PeerRefused refused) {
      answer(
          offer.session(),
          new ServerFrame.Error(offer.re(), refused.code(), refused.message(), null));
      return this;
    }
    var online = (Directory.PeerOnline) lookedUp.found();
    String id = "p" + nextOffer++;
    var requester = new Side(offer.from(), offer.session(), offer.host(), offer.port());
    offers.put(id, new Asked(id, requester, online.nick(), online.session()));
    watch(offer.session());
    watch(online.session());
    timers.startSingleTimer(id, new OfferTimedOut(id), settings.offerTimeout());
    answer(offer.session(), new ServerFrame.Ok(offer.re()));
    tell(online.session(), new ServerFrame.PrivateOffer(id, offer.from()));
    return this;
  }

  private Behavior<Command> onAnswer(Answer answer) {
    OpenOffer open = offers.get(answer.offer());
    if (!(open instanceof Asked asked) || !asked.target().equals(answer.session())) {
      answer(answer.session(), noSuchOffer(answer.re(), answer.offer()));
      return this;
    }
    timers.cancel(asked.id());
    answer(answer.session(), new ServerFrame.Ok(answer.re()));
    if (!answer.accept()) {
      offers.remove(asked.id());
      tell(
          asked.requester().session(),
          new ServerFrame.PrivateDeclined(asked.id(), asked.targetNick(), DeclineReason.DECLINED));
      unwatchUnused();
      return this;
    }
    var answerer = new Side(asked.targetNick(), answer.session(), answer.host(), answer.port());
    Side requester = asked.requester();
    offers.put(asked.id(), new Agreed(asked.id(), requester, answerer));
    String token = newToken();
    // the one who asked connects: it has listened the longest, and the other is surely up now
    tell(
        requester.session(),
        new ServerFrame.PrivateReady(
            asked.id(),
            answerer.nick(),
            answerer.host(),
            answerer.port(),
            token,
            PeerRole.CONNECT));
    tell(
        answerer.session(),
        new ServerFrame.PrivateReady(
            asked.id(),
            requester.nick(),
            requester.host(),
            requester.port(),
            token,
            PeerRole.LISTEN));
    return this;
  }

  private Behavior<Command> onRelay(Relay relay) {
    OpenOffer open = offers.get(relay.offer());
    if (!(open instanceof Agreed agreed)
        || !(agreed.requester().session().equals(relay.session())
            || agreed.answerer().session().equals(relay.session()))) {
      answer(relay.session(), noSuchOffer(relay.re(), relay.offer()));
      return this;
    }
    boolean fromRequester = agreed.requester().session().equals(relay.session());
    Side from = fromRequester ? agreed.requester() : agreed.answerer();
    Side to = fromRequester ? agreed.answerer() : agreed.requester();
    answer(relay.session(), new ServerFrame.Ok(relay.re()));
    tell(to.session(), new ServerFrame.Signal(from.nick(), agreed.id(), relay.payload()));
    return this;
  }

  private Behavior<Command> onOfferTimedOut(OfferTimedOut timedOut) {
    if (offers.get(timedOut.offer()) instanceof Asked asked) {
      offers.remove(asked.id());
      tell(
          asked.requester().session(),
          new ServerFrame.PrivateDeclined(asked.id(), asked.targetNick(), DeclineReason.TIMED_OUT));
      tell(
          asked.target(),
          new ServerFrame.PrivateDeclined(
              asked.id(), asked.requester().nick(), DeclineReason.TIMED_OUT));
      unwatchUnused();
    }
    return this;
  }

  /** Every offer of the session ends; the other side of one still unanswered is told. */
  private Behavior<Command> onSessionEnded(SessionEnded ended) {
    watched.remove(ended.session());
    var ending =
        offers.values().stream()
            .filter(
                open ->
                    open.requester().session().equals(ended.session())
                        || open.target().equals(ended.session()))
            .toList();
    for (OpenOffer open : ending) {
      offers.remove(open.id());
      timers.cancel(open.id());
      if (open instanceof Asked asked) {
        boolean requesterGone = asked.requester().session().equals(ended.session());
        tell(
            requesterGone ? asked.target() : asked.requester().session(),
            new ServerFrame.PrivateDeclined(
                asked.id(),
                requesterGone ? asked.requester().nick() : asked.targetNick(),
                DeclineReason.OFFLINE));
      }
    }
    unwatchUnused();
    return this;
  }

  private ServerFrame.Error noSuchOffer(FrameId re, String offer) {
    return new ServerFrame.Error(
        re,
        ErrorCode.NO_SUCH_OFFER,
        "no offer " + offer + " is open to you (answered, timed out, or not agreed on yet)",
        null);
  }

  private String newToken() {
    byte[] token = new byte[TOKEN_BYTES];
    random.nextBytes(token);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(token);
  }

  private void watch(ActorRef<Directory.Event> session) {
    if (watched.add(session)) {
      getContext().watchWith(session, new SessionEnded(session));
    }
  }

  private void unwatchUnused() {
    var inUse = new HashSet<ActorRef<Directory.Event>>();
    offers
        .values()
        .forEach(
            open -> {
              inUse.add(open.requester().session());
              inUse.add(open.target());
            });
    var unused = watched.stream().filter(session -> !inUse.contains(session)).toList();
    unused.forEach(
        session -> {
          getContext().unwatch(session);
          watched.remove(session);
        });
  }

  private static void answer(ActorRef<Directory.Event> session, ServerFrame frame) {
    session.tell(new Directory.Answer(frame));
  }

  private static void tell(ActorRef<Directory.Event> session, ServerFrame frame) {
    session.tell(new Directory.Told(frame));
  }
}
