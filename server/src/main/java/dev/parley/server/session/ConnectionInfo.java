package dev.parley.server.session;

import java.time.Instant;
import java.util.List;

/** What the operator sees of one connection; {@code nick} is null before {@code welcome}. */
public record ConnectionInfo(String nick, String address, List<String> rooms, Instant since) {

  public ConnectionInfo {
    rooms = List.copyOf(rooms);
  }
}
