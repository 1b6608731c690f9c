package dev.parley.client.terminal;

import dev.parley.protocol.ProtocolRules;
import dev.parley.protocol.ServerFrame;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The room names and nicks this client has seen, and the rooms the user is in, for Tab completion.
 * Written from the connection's thread and read from the line editor's, hence the concurrent maps.
 */
final class SeenNames {

  private final ConcurrentSkipListMap<String, String> rooms = new ConcurrentSkipListMap<>();
  private final ConcurrentSkipListMap<String, String> nicks = new ConcurrentSkipListMap<>();
  private volatile List<String> joined = List.of();

  void note(ServerFrame frame) {
    if (frame instanceof ServerFrame.Joined joined) {
      room(joined.room());
      joined.members().forEach(this::nick);
    } else if (frame instanceof ServerFrame.MemberJoined joined) {
      room(joined.room());
      nick(joined.nick());
    } else if (frame instanceof ServerFrame.Message message) {
      room(message.room());
      nick(message.from());
    } else if (frame instanceof ServerFrame.Members members) {
      room(members.room());
      members.members().forEach(this::nick);
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

  /** The rooms the user is in now, as the connection says. */
  void joined(List<String> current) {
    current.forEach(this::room);
    joined = current.stream().sorted(Comparator.comparing(ProtocolRules::canonical)).toList();
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
