package dev.parley.server.session;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Asks every session what it is, and answers with all that replied in time, oldest connection
 * first; a session that closed meanwhile is simply left out.
 */
final class ConnectionSurvey {

  sealed interface Command permits Described, TimedOut {}

  private record Described(ConnectionInfo info) implements Command {}

  private enum TimedOut implements Command {
    INSTANCE
  }

  private ConnectionSurvey() {}

  static Behavior<Command> create(
      List<ActorRef<Session.Command>> sessions,
      ActorRef<Connections.ConnectionList> replyTo,
      Duration timeout) {
    return Behaviors.<Command>setup(
        context -> {
          ActorRef<ConnectionInfo> described =
              context.messageAdapter(ConnectionInfo.class, Described::new);
          sessions.forEach(session -> session.tell(new Session.Describe(described)));
          return Behaviors.withTimers(
              timers -> {
                timers.startSingleTimer(TimedOut.INSTANCE, timeout);
                return collecting(sessions.size(), new ArrayList<>(), replyTo);
              });
        });
  }

  private static Behavior<Command> collecting(
      int expected, List<ConnectionInfo> infos, ActorRef<Connections.ConnectionList> replyTo) {
    if (infos.size() == expected) {
      return answer(infos, replyTo);
    }
    return Behaviors.receive(Command.class)
        .onMessage(
            Described.class,
            described -> {
              infos.add(described.info());
              return collecting(expected, infos, replyTo);
            })
        .onMessage(TimedOut.class, timedOut -> answer(infos, replyTo))
        .build();
  }

  private static Behavior<Command> answer(
      List<ConnectionInfo> infos, ActorRef<Connections.ConnectionList> replyTo) {
    infos.sort(Comparator.comparing(ConnectionInfo::since));
    replyTo.tell(new Connections.ConnectionList(infos));
    return Behaviors.stopped();
  }
}
