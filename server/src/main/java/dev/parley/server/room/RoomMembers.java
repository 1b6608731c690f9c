package dev.parley.server.room;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import dev.parley.server.wire.SharedFrames;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * Who is in a room, by canonical nick, and how they are told what happens: joins and departures
 * wait to be told together ({@link PendingEvents}), everything else comes after what waits, so that
 * each member sees events in the order they happened. Used from the room's thread only.
 */
final class RoomMembers {

  /** {@code away}: the member's away message; null, not away. */
  record Member(String nick, ActorRef<Room.Event> session, long login, String away) {
    Member withAway(String message) {
      return new Member(nick, session, login, message);
    }
  }

  private final Map<String, Member> members = new LinkedHashMap<>();
  private final PendingEvents pendingEvents = new PendingEvents();

  /** The member under {@code nick} in any letter case; null when there is none. */
  Member get(String nick) {
    return members.get(ProtocolRules.canonical(nick));
  }

  /** Whether {@code nick} is in the room with {@code session}, not only with a session before. */
  boolean isIn(String nick, ActorRef<Room.Event> session) {
    Member member = get(nick);
    return member != null && member.session().equals(session);
  }

  boolean isEmpty() {
    return members.isEmpty();
  }

  int size() {
    return members.size();
  }

  Collection<Member> all() {
    return members.values();
  }

  List<String> nicks() {
    return members.values().stream().map(Member::nick).toList();
  }

  List<String> awayNicks() {
    return members.values().stream()
        .filter(member -> member.away() != null)
        .map(Member::nick)
        .toList();
  }

  /** {@code member} joins: the events waiting to be told are not for it. */
  void add(Member member) {
    String key = ProtocolRules.canonical(member.nick());
    members.put(key, member);
    pendingEvents.memberJoined(key);
  }

  /** The member, as it is now, replaces the one under its nick. */
  void update(Member member) {
    members.put(ProtocolRules.canonical(member.nick()), member);
  }

  void remove(Member member) {
    members.remove(ProtocolRules.canonical(member.nick()));
  }

  /**
   * Keeps {@code event} to be told with the others that come meanwhile; true when it is the first
   * to wait, so that the room sets a time to tell them.
   */
  boolean tellSoon(ServerFrame event) {
    if (members.isEmpty()) {
      return false;
    }
    boolean first = pendingEvents.isEmpty();
    pendingEvents.add(event);
    return first;
  }

  /** Tells every member the events that wait, in one message each. */
  void tellWaiting() {
    pendingEvents.tell(members);
  }

  /** Tells every member {@code event}, after what waits. */
  void tellAll(Room.Event event) {
    tellWaiting();
    members.values().forEach(member -> member.session().tell(event));
  }

  /**
   * Tells {@code event} now to every member but {@code except}, after what waits to be told (such
   * as the join of {@code except}), so that it comes in its place.
   */
  void tellAllBut(Member except, ServerFrame event) {
    tellWaiting();
    var told = new Room.Broadcast(SharedFrames.of(event));
    for (Member member : members.values()) {
      if (!member.session().equals(except.session())) {
        member.session().tell(told);
      }
    }
  }
}
