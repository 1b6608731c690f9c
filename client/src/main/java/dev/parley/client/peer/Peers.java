package dev.parley.client.peer;

import dev.parley.client.command.UserCommand;
import dev.parley.protocol.ClientFrame;
import dev.parley.protocol.ErrorCode;
import dev.parley.protocol.FrameId;
import dev.parley.protocol.PeerRole;
import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.javadsl.TimerScheduler;
import org.apache.pekko.stream.Materializer;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Tcp;

/**
 * The client's private conversations: the port it listens on for them (bound when first needed),
 * the offers it made and was made, the direct links, one {@link PeerLink} each, and the files that
 * a cut link left to send once a new link with the same nick opens. It speaks to the server through
 * the connection ({@link ToServer}) and shows what happens through {@code view}.
 */
public final class Peers extends AbstractBehavior<Peers.Command> {

  public sealed interface Command
      permits Typed,
          FromServer,
          ServerAnswered,
          Bound,
          BindFailed,
          Incoming,
          HelloHeard,
          HelloUnclaimed,
          LinkOpened,
          LinkEnded,
          ExpectationTimedOut {}

  /** What the user typed for a private conversation, logged in as {@code ownNick}. */
  public record Typed(UserCommand.ToPeer command, String ownNick) implements Command {}

  /** A frame of private conversations from the server, to the user {@code ownNick}. */
  public record FromServer(ServerFrame frame, String ownNick) implements Command {}

  /** A frame for the server: the connection gives it its id; {@code replyTo} hears the answer. */
  public record ToServer(Function<FrameId, ClientFrame> frame, ActorRef<ServerFrame> replyTo) {}

  private record ServerAnswered(String nick, String asked, ServerFrame answer) implements Command {}

  private record Bound(Tcp.ServerBinding binding) implements Command {}

  private record BindFailed(Throwable cause) implements Command {}

  private record Incoming(Tcp.IncomingConnection connection) implements Command {}

  /** The first line of a connection to the private port: a hello, or null for anything else. */
  record HelloHeard(PeerLine.Hello hello, String address, ActorRef<PeerLink.Command> link)
      implements Command {}

  private record HelloUnclaimed(HelloHeard heard) implements Command {}

  record LinkOpened(String nick, ActorRef<PeerLink.Command> link) implements Command {}

  /** A link is over; {@code unfinished}: the files it did not finish sending. */
  record LinkEnded(String nick, ActorRef<PeerLink.Command> link, List<Path> unfinished)
      implements Command {}

  private record ExpectationTimedOut(String offer) implements Command {}

  private record OfferToMe(String offer, String nick) {}

  // the other connects to this side's port, proving token
  private record Expected(String nick, String token, int port) {}

  // hellos whose private_ready may still be on its way, at most
  private static final int MAX_UNCLAIMED_HELLOS = 16;

  public static Behavior<Command> create(
      PeerSettings settings, ActorRef<ToServer> server, ActorRef<PeerEvent> view) {
    return Behaviors.setup(
        context ->
            Behaviors.withTimers(timers -> new Peers(context, timers, settings, server, view)));
  }

  private final TimerScheduler<Command> timers;
  private final PeerSettings settings;
  private final ActorRef<ToServer> server;
  private final ActorRef<PeerEvent> view;
  private final LinkedHashMap<String, OfferToMe> offersToMe = new LinkedHashMap<>();
  private final Map<String, Expected> expected = new HashMap<>();
  private final Map<String, HelloHeard> unclaimed = new HashMap<>();
  private final Map<String, ActorRef<PeerLink.Command>> links = new HashMap<>();
  private final Map<String, List<Path>> unfinished = new HashMap<>();
  private final List<Consumer<Integer>> awaitingPort = new ArrayList<>();
  private Tcp.ServerBinding binding;
  private boolean bindingStarted;
  private String ownNick;

  private Peers(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PeerSettings settings,
      ActorRef<ToServer> server,
      ActorRef<PeerEvent> view) {
    super(context);
    this.timers = timers;
    this.settings = settings;
    this.server = server;
    this.view = view;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Typed.class, this::onTyped)
        .onMessage(FromServer.class, this::onFromServer)
        .onMessage(ServerAnswered.class, this::onServerAnswered)
        .onMessage(Bound.class, this::onBound)
        .onMessage(BindFailed.class, this::onBindFailed)
        .onMessage(Incoming.class, this::onIncoming)
        .onMessage(HelloHeard.class, this::onHelloHeard)
        .onMessage(HelloUnclaimed.class, this::onHelloUnclaimed)
        .onMessage(LinkOpened.class, this::onLinkOpened)
        .onMessage(LinkEnded.class, this::onLinkEnded)
        .onMessage(ExpectationTimedOut.class, this::onExpectationTimedOut)
        .onSignal(PostStop.class, stop -> onPostStop())
        .build();
  }

  private Behavior<Command> onTyped(Typed typed) {
    ownNick = typed.ownNick();
    UserCommand.ToPeer command = typed.command();
    if (command instanceof UserCommand.PrivateAsk ask) {
      onAsk(ask.nick());
    } else if (command instanceof UserCommand.PrivateAnswer answer) {
      onAnswer(answer);
    } else if (command instanceof UserCommand.PrivateSay say) {
      withLink(say.nick(), link -> link.tell(new PeerLink.Say(say.text())));
    } else if (command instanceof UserCommand.PrivateSend send) {
      withLink(send.nick(), link -> link.tell(new PeerLink.SendFile(typedPath(send.path()))));
    } else if (command instanceof UserCommand.PrivateClose close) {
      withLink(close.nick(), link -> link.tell(PeerLink.Close.INSTANCE));
    }
    return this;
  }

  private void onAsk(String nick) {
    if (links.containsKey(key(nick))) {
      view.tell(new PeerEvent.Refused(nick, "a direct link with " + nick + " is open already"));
      return;
    }
    withPort(
        port ->
            ask(
                nick,
                "private",
                id -> new ClientFrame.Private(id, nick, settings.portToTell(port))));
  }

  private void onAnswer(UserCommand.PrivateAnswer answer) {
    OfferToMe offer =
        answer.nick() == null
            ? offersToMe.values().stream().reduce((first, second) -> second).orElse(null)
            : offersToMe.get(key(answer.nick()));
    if (offer == null) {
      String nick = answer.nick() == null ? "" : answer.nick();
      view.tell(
          new PeerEvent.Refused(
              nick, answer.nick() == null ? "no offer to answer" : "no offer from " + nick));
      return;
    }
    offersToMe.remove(key(offer.nick()));
    if (answer.accept()) {
      withPort(
          port ->
              ask(
                  offer.nick(),
                  "accept",
                  id ->
                      new ClientFrame.PrivateAnswer(
                          id, offer.offer(), true, settings.portToTell(port))));
    } else {
      ask(
          offer.nick(),
          "decline",
          id -> new ClientFrame.PrivateAnswer(id, offer.offer(), false, null));
      view.tell(new PeerEvent.Declined(offer.nick(), "you declined"));
    }
  }

  private void withLink(String nick, Consumer<ActorRef<PeerLink.Command>> then) {
    ActorRef<PeerLink.Command> link = links.get(key(nick));
    if (link == null) {
      view.tell(
          new PeerEvent.Refused(
              nick,
              "no direct link with "
                  + nick
                  + ": /private "
                  + nick
                  + " asks for one; /msg "
                  + nick
                  + " goes through the server"));
    } else {
      then.accept(link);
    }
  }

  private void ask(String nick, String asked, Function<FrameId, ClientFrame> frame) {
    getContext().getLog().debug("Asking the server: {} {}", asked, nick);
    getContext()
        .ask(
            ServerFrame.class,
            server,
            settings.answerTimeout(),
            replyTo -> new ToServer(frame, replyTo),
            (answer, failure) ->
                new ServerAnswered(
                    nick,
                    asked,
                    answer != null
                        ? answer
                        : new ServerFrame.Error(
                            null, ErrorCode.UNKNOWN, "the server did not answer in time", null)));
  }

  private Behavior<Command> onServerAnswered(ServerAnswered answered) {
    getContext()
        .getLog()
        .debug(
            "The server answered {} {}: {}", answered.asked(), answered.nick(), answered.answer());
    if (answered.answer() instanceof ServerFrame.Error error) {
      view.tell(new PeerEvent.Refused(answered.nick(), error.message()));
    } else if (answered.asked().equals("private")) {
      view.tell(new PeerEvent.Asked(answered.nick()));
    }
    return this;
  }

  private Behavior<Command> onFromServer(FromServer from) {
    ownNick = from.ownNick();
    ServerFrame frame = from.frame();
    if (frame instanceof ServerFrame.PrivateOffer offer
        && ProtocolRules.isValidNick(offer.from())) {
      offersToMe.remove(key(offer.from()));
      offersToMe.put(key(offer.from()), new OfferToMe(offer.offer(), offer.from()));
      view.tell(new PeerEvent.Offered(offer.from()));
    } else if (frame instanceof ServerFrame.PrivateDeclined declined) {
      onDeclined(declined);
    } else if (frame instanceof ServerFrame.PrivateReady ready) {
      onReady(ready);
    }
    return this;
  }

  private void onDeclined(ServerFrame.PrivateDeclined declined) {
    String by = declined.by() == null ? "" : declined.by();
    OfferToMe mine = offersToMe.get(key(by));
    if (mine != null && mine.offer().equals(declined.offer())) {
      offersToMe.remove(key(by));
    }
    String why =
        declined.reason() == null
            ? "the offer ended"
            : switch (declined.reason()) {
              case DECLINED -> by + " declined";
              case OFFLINE -> by + " went offline";
              case TIMED_OUT -> "no answer in time";
              default -> "the offer ended";
            };
    view.tell(new PeerEvent.Declined(by, why));
  }

  private void onReady(ServerFrame.PrivateReady ready) {
    if (!ProtocolRules.isValidNick(ready.nick()) || ready.token() == null) {
      return;
    }
    if (ready.role() == PeerRole.CONNECT) {
      view.tell(new PeerEvent.Connecting(ready.nick(), ready.host() + ":" + ready.port(), true));
      getContext()
          .spawnAnonymous(
              PeerLink.connecting(
                  settings,
                  view,
                  getContext().getSelf(),
                  ready.offer(),
                  ready.nick(),
                  ownNick,
                  new InetSocketAddress(ready.host(), ready.port()),
                  ready.token()),
              DispatcherSelector.blocking());
    } else if (ready.role() == PeerRole.LISTEN) {
      int port = binding == null ? 0 : binding.localAddress().getPort();
      expected.put(ready.offer(), new Expected(ready.nick(), ready.token(), port));
      timers.startSingleTimer(
          "expect-" + ready.offer(),
          new ExpectationTimedOut(ready.offer()),
          settings.connectTimeout());
      view.tell(new PeerEvent.Connecting(ready.nick(), "port " + port, false));
      HelloHeard early = unclaimed.remove(ready.offer());
      if (early != null) {
        timers.cancel("hello-" + ready.offer());
        onHelloHeard(early);
      }
    }
  }

  private Behavior<Command> onHelloHeard(HelloHeard heard) {
    PeerLine.Hello hello = heard.hello();
    Expected waiting = hello == null ? null : expected.get(hello.offer());
    if (hello != null
        && waiting == null
        && hello.offer() != null
        && unclaimed.size() < MAX_UNCLAIMED_HELLOS
        && !unclaimed.containsKey(hello.offer())) {
      // its private_ready may still be on the way from the server
      unclaimed.put(hello.offer(), heard);
      timers.startSingleTimer(
          "hello-" + hello.offer(), new HelloUnclaimed(heard), settings.connectTimeout());
      return this;
    }
    if (waiting != null
        && key(waiting.nick()).equals(keyOrEmpty(hello.nick()))
        && PeerProof.matches(PeerProof.ofConnecting(waiting.token()), hello.proof())) {
      expected.remove(hello.offer());
      timers.cancel("expect-" + hello.offer());
      heard
          .link()
          .tell(new PeerLink.Admitted(hello.offer(), waiting.nick(), ownNick, waiting.token()));
    } else {
      turnAway(heard);
    }
    return this;
  }

  private Behavior<Command> onHelloUnclaimed(HelloUnclaimed unclaimedHello) {
    if (unclaimed.remove(unclaimedHello.heard().hello().offer()) != null) {
      turnAway(unclaimedHello.heard());
    }
    return this;
  }

  private void turnAway(HelloHeard heard) {
    heard.link().tell(PeerLink.TurnedAway.INSTANCE);
    String nick = heard.hello() == null ? null : heard.hello().nick();
    view.tell(new PeerEvent.StrangerTurnedAway(nick, heard.address()));
  }

  private Behavior<Command> onLinkOpened(LinkOpened opened) {
    var before = links.put(key(opened.nick()), opened.link());
    if (before != null && !before.equals(opened.link())) {
      before.tell(PeerLink.Close.INSTANCE);
    }
    List<Path> left = unfinished.remove(key(opened.nick()));
    if (left != null) {
      left.forEach(path -> opened.link().tell(new PeerLink.SendFile(path)));
    }
    return this;
  }

  private Behavior<Command> onLinkEnded(LinkEnded ended) {
    if (ended.nick() == null) {
      return this;
    }
    String key = key(ended.nick());
    links.remove(key, ended.link());
    if (!ended.unfinished().isEmpty()) {
      unfinished.computeIfAbsent(key, k -> new ArrayList<>()).addAll(ended.unfinished());
    }
    return this;
  }

  private Behavior<Command> onExpectationTimedOut(ExpectationTimedOut timedOut) {
    Expected waiting = expected.remove(timedOut.offer());
    if (waiting != null) {
      view.tell(
          new PeerEvent.Unreachable(
              waiting.nick(),
              waiting.nick() + " did not connect to your port " + waiting.port(),
              settings.connectTimeout()));
    }
    return this;
  }

  /** Runs {@code then} with the port listened on, once it is bound. */
  private void withPort(Consumer<Integer> then) {
    if (binding != null) {
      then.accept(binding.localAddress().getPort());
      return;
    }
    awaitingPort.add(then);
    if (!bindingStarted) {
      bindingStarted = true;
      var self = getContext().getSelf();
      var bound =
          Tcp.get(getContext().getSystem())
              .bind(settings.bindHost(), settings.port())
              .to(Sink.foreach(connection -> self.tell(new Incoming(connection))))
              .run(Materializer.matFromSystem(getContext().getSystem()));
      getContext()
          .pipeToSelf(
              bound,
              (binding, failure) -> failure == null ? new Bound(binding) : new BindFailed(failure));
    }
  }

  private Behavior<Command> onBound(Bound bound) {
    binding = bound.binding();
    getContext()
        .getLog()
        .debug("Listening for private conversations on {}", binding.localAddress());
    int port = binding.localAddress().getPort();
    awaitingPort.forEach(then -> then.accept(port));
    awaitingPort.clear();
    return this;
  }

  private Behavior<Command> onBindFailed(BindFailed failed) {
    bindingStarted = false;
    awaitingPort.clear();
    view.tell(
        new PeerEvent.Refused(
            "",
            "cannot listen on "
                + settings.bindHost()
                + ":"
                + settings.port()
                + " for private conversations: "
                + failed.cause().getMessage()));
    return this;
  }

  private Behavior<Command> onIncoming(Incoming incoming) {
    getContext()
        .spawnAnonymous(
            PeerLink.listening(settings, view, getContext().getSelf(), incoming.connection()),
            DispatcherSelector.blocking());
    return this;
  }

  private Behavior<Command> onPostStop() {
    if (binding != null) {
      binding.unbind();
    }
    return this;
  }

  // ~ is the home folder, as a shell would read it
  private static Path typedPath(String typed) {
    String path =
        typed.equals("~") || typed.startsWith("~/")
            ? System.getProperty("user.home") + typed.substring(1)
            : typed;
    return Path.of(path).toAbsolutePath();
  }

  private static String key(String nick) {
    return ProtocolRules.canonical(nick);
  }

  private static String keyOrEmpty(String nick) {
    return nick == null || !ProtocolRules.isValidNick(nick) ? "" : key(nick);
  }
}
