package dev.parley.bench.load;

import dev.parley.bench.wire.Ascii;

/** The frames the load generator sends apart from {@code say}, as bytes on the wire. */
public final class ClientFrames {

  private ClientFrames() {}

  public static byte[] hello(String nick) {
    return Ascii.bytes("{\"type\":\"hello\",\"nick\":\"" + nick + "\"}\n");
  }

  public static byte[] create(String room) {
    return Ascii.bytes("{\"type\":\"create\",\"room\":\"" + room + "\"}\n");
  }

  public static byte[] join(String room) {
    return Ascii.bytes("{\"type\":\"join\",\"room\":\"" + room + "\"}\n");
  }

  static String roomName(int room) {
    return "room" + room;
  }
}
