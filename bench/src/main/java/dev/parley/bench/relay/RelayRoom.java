package dev.parley.bench.relay;

import java.util.ArrayList;
import java.util.List;

/** A room of the raw relay: who is in it and the next {@code seq}. */
final class RelayRoom {

  private final String name;
  private final String canonicalName;
  final List<RelayConnection> members = new ArrayList<>();
  long nextSeq = 1;

  RelayRoom(String name, String canonicalName) {
    this.name = name;
    this.canonicalName = canonicalName;
  }

  String name() {
    return name;
  }

  String canonicalName() {
    return canonicalName;
  }

  List<String> memberNicks() {
    return members.stream().map(member -> member.nick).toList();
  }
}
