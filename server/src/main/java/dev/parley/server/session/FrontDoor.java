package dev.parley.server.session;

import java.util.Locale;

/** A way into the server; each door's connections are counted on their own. */
public enum FrontDoor {
  TCP,
  TLS,
  WEBSOCKET,
  WEBSOCKET_TLS;

  /** How the door is named in the metrics and the log. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
