package dev.parley.bench.load;

import dev.parley.bench.wire.Ascii;

/** The frames the load generator sends apart from {@code say}, as bytes on the wire. */
final class ClientFrames {

  private ClientFrames() {}

  static byte[] hello(String nick) {
    return Ascii.bytes("{\"type\":\"hello\",\"nick\":\"" + nick + "\"}\n");
  }

  static byte[] create(String room) {
    return Ascii.bytes("{\"type\":\"create\",\"room\":\"" + room + "\"}\n");
  }

  static byte[] join(String room) {
    return Ascii.bytes("{\"type\":\"join\",\"room\":\"" + room + "\"}\n");
  }

  static String roomName(int room) {
    return "room" + room;
  }
}
