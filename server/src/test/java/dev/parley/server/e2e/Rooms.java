package dev.parley.server.e2e;

import dev.parley.protocol.ServerFrame;

/** Puts the clients of a test into a room, as their users would. */
final class Rooms {

  private Rooms() {}

  /**
   * Creates {@code room} by the first client and has the others join it in turn; each of them takes
   * its {@code joined}, and the clients already in take each newcomer's {@code member_joined}.
   */
  static void enter(String room, RawClient... clients) {
    clients[0].sendFrame("create", "room", room);
    clients[0].expect(ServerFrame.Joined.class);
    for (int i = 1; i < clients.length; i++) {
      clients[i].sendFrame("join", "room", room);
      clients[i].expect(ServerFrame.Joined.class);
      for (int j = 0; j < i; j++) {
        clients[j].expect(ServerFrame.MemberJoined.class);
      }
    }
  }
}
