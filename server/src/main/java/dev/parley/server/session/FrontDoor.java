package dev.parley.server.session;

import java.util.Locale;

/** A way into the server; each door's connections are counted on their own. */
public enum FrontDoor {
  TCP(""),
  TLS(" with TLS"),
  WEBSOCKET(" for WebSocket"),
  WEBSOCKET_TLS(" for WebSocket with TLS"),
  IRC(" for IRC"),
  IRC_TLS(" for IRC with TLS");

  private final String listening;

  FrontDoor(String listening) {
    this.listening = listening;
  }

  /** How the door is named in the metrics and the log. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** What the log says of a listener of this door, after "Listening". */
  public String listening() {
    return listening;
  }
}
