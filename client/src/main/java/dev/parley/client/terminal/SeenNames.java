package dev.parley.client.terminal;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The room names and nicks this client has seen, the rooms the user is in, the current one, and who
 * is in each of them, for Tab completion. Written from the connection's thread and read from the
 * line editor's, hence the concurrent maps.
 */
final class SeenNames {

  private final ConcurrentSkipListMap<String, String> rooms = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, String> nicks = new ConcurrentSkipListMap<>();
  // by the room's canonical name: its members' nicks, by theirs
  private final Map<String, ConcurrentSkipListMap<String, String>> members =
      new ConcurrentHashMap<>();
  private volatile List<String> joined = List.of();
  private volatile String currentRoom;

  void note(ServerFrame frame) {
    if (frame instanceof ServerFrame.Joined joined) {
      room(joined.room());
      joined.members().forEach(this::nick);
      membersAre(joined.room(), joined.members());
    } else if (frame instanceof ServerFrame.MemberJoined joined) {
      room(joined.room());
      nick(joined.nick());
      var known = knownMembers(joined.room());
      if (known != null && joined.nick() != null) {
        known.put(ProtocolRules.canonical(joined.nick()), joined.nick());
      }
    } else if (frame instanceof ServerFrame.MemberLeft left) {
      var known = knownMembers(left.room());
      if (known != null && left.nick() != null) {
        known.remove(ProtocolRules.canonical(left.nick()));
      }
    } else if (frame instanceof ServerFrame.Message message) {
      room(message.room());
      nick(message.from());
    } else if (frame instanceof ServerFrame.Members list) {
      room(list.room());
      list.members().forEach(this::nick);
      membersAre(list.room(), list.members());
    } else if (frame instanceof ServerFrame.Users users) {
      users.users().forEach(user -> nick(user.nick()));
    } else if (frame instanceof ServerFrame.RoomList list) {
      list.rooms().forEach(summary -> room(summary.room()));
    } else if (frame instanceof ServerFrame.Topic topic) {
      room(topic.room());
      nick(topic.by());
    } else if (frame instanceof ServerFrame.Direct direct) {
      nick(direct.from());
      nick(direct.to());
    } else if (frame instanceof ServerFrame.Welcome welcome) {
      nick(welcome.nick());
    }
  }

  /** The rooms the user is in now, and the current one (null: none), as the connection says. */
  void joined(List<String> current, String room) {
    current.forEach(this::room);
    joined = current.stream().sorted(Comparator.comparing(ProtocolRules::canonical)).toList();
    // the members of a room left are not known any more
    var stillIn = current.stream().map(ProtocolRules::canonical).toList();
    members.keySet().retainAll(stillIn);
    currentRoom = room;
  }

  /** Room names learnt elsewhere, such as the server's list fetched for completion. */
  void rooms(Collection<String> names) {
    names.forEach(this::room);
  }

  List<String> rooms() {
    return List.copyOf(rooms.values());
  }

  List<String> joinedRooms() {
    return joined;
  }

  List<String> nicks() {
    return List.copyOf(nicks.values());
  }

  /**
   * Who is in {@code room} (null: the current room), as far as this client knows; every nick seen
   * when it knows nothing of the room.
   */
  List<String> membersOf(String room, boolean orAllSeen) {
    String which = room == null ? currentRoom : room;
    var known = knownMembers(which);
    if (known == null) {
      return orAllSeen ? nicks() : List.of();
    }
    return List.copyOf(known.values());
  }

  // null when the room's members were never listed to this client
  private ConcurrentSkipListMap<String, String> knownMembers(String room) {
    return room == null ? null : members.get(ProtocolRules.canonical(room));
  }

  private void membersAre(String room, List<String> nicksNow) {
    var now = new ConcurrentSkipListMap<String, String>();
    nicksNow.forEach(nick -> now.put(ProtocolRules.canonical(nick), nick));
    members.put(ProtocolRules.canonical(room), now);
  }

  private void room(String room) {
    if (room != null) {
      rooms.put(ProtocolRules.canonical(room), room);
    }
  }

  private void nick(String nick) {
    if (nick != null) {
      nicks.put(ProtocolRules.canonical(nick), nick);
    }
  }
}
